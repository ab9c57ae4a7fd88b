using System.Net;
using System.Text.Json;
using FraudActors.Gateway.Dashboard;
using FraudActors.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Gateway.Tests.Dashboard;

/// <summary>/dashboard and /dashboard/api/snapshot against the running demo: shape, live numbers, sample sharing.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardSnapshotTests(DashboardHost host)
{
    [Fact]
    public async Task Snapshot_has_every_panel_and_its_numbers_move()
    {
        using var client = host.Client();
        var first = await SnapshotAsync(client);
        JsonElement latest = first;
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (!(latest.GetProperty("traffic").GetProperty("transactionsPerSecond").GetDouble() > 0
                 && latest.GetProperty("traffic").GetProperty("processedTotal").GetInt64() > first.GetProperty("traffic").GetProperty("processedTotal").GetInt64()
                 && latest.GetProperty("grains").GetProperty("messagesPerSecond").GetDouble() > 0
                 && latest.GetProperty("traffic").GetProperty("series").GetArrayLength() >= 2
                 && latest.GetProperty("traffic").GetProperty("scoreHistogram").EnumerateArray().Sum(b => b.GetInt64()) > 0
                 && latest.GetProperty("models").GetProperty("drift").GetArrayLength() > 0
                 && latest.GetProperty("alerts").GetArrayLength() > 0))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "simulated traffic flows through the silo and is scored: {0}", latest);
            await Task.Delay(200);
            latest = await SnapshotAsync(client);
        }

        var cluster = latest.GetProperty("cluster");
        cluster.GetProperty("uptimeSeconds").GetDouble().Should().BeGreaterThan(0);
        cluster.GetProperty("workingSetBytes").GetInt64().Should().BeGreaterThan(1 << 20);
        cluster.GetProperty("gcHeapBytes").GetInt64().Should().BeGreaterThan(0);
        cluster.GetProperty("cpuPercent").GetDouble().Should().BeInRange(0, 100);
        cluster.GetProperty("ingestion").GetString().Should().Be("in-memory");
        cluster.GetProperty("consumerLag").GetInt64().Should().BeGreaterThanOrEqualTo(0);
        cluster.GetProperty("membershipError").ValueKind.Should().Be(JsonValueKind.Null);
        var partitions = cluster.GetProperty("partitions").EnumerateArray().ToList();
        partitions.Should().NotBeEmpty();
        partitions.Should().Contain(p => p.GetProperty("completedOffset").GetInt64() >= 0, "some partition has processed records");
        var silo = cluster.GetProperty("silos").EnumerateArray().Should().ContainSingle("the embedded default is a one-member cluster").Subject;
        silo.GetProperty("isLocal").GetBoolean().Should().BeTrue();
        silo.GetProperty("siloId").GetString().Should().Be(cluster.GetProperty("silo").GetString());
        silo.GetProperty("partitions").EnumerateArray().Select(p => p.GetInt32()).Should()
            .BeEquivalentTo(partitions.Select(p => p.GetProperty("partition").GetInt32()), "the only silo owns every partition it consumes");

        var grains = latest.GetProperty("grains");
        grains.GetProperty("liveActivations").GetInt32().Should().BeGreaterThan(0);
        var cardholder = grains.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("grainType").GetString() == "cardholder");
        cardholder.GetProperty("liveActivations").GetInt32().Should().BeInRange(1, 300, "the demo has 300 cards");
        cardholder.GetProperty("messagesPerSecond").GetDouble().Should().BeGreaterThan(0);
        cardholder.GetProperty("activationsPerMinute").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        cardholder.GetProperty("turnP99Ms").GetDouble().Should().BeGreaterThanOrEqualTo(cardholder.GetProperty("turnP50Ms").GetDouble());

        // Turn latency per method: the cardholder's ProcessAsync and the merchant's ObserveAsync are called every transaction.
        var methods = grains.GetProperty("methods").EnumerateArray()
            .Select(m => (Type: m.GetProperty("grainType").GetString(), Method: m.GetProperty("method").GetString())).ToList();
        methods.Should().Contain(("cardholder", "ProcessAsync")).And.Contain(("merchant", "ObserveAsync"));

        var traffic = latest.GetProperty("traffic");
        traffic.GetProperty("failedTotal").GetInt64().Should().Be(0);
        traffic.GetProperty("approved").GetInt64().Should().BeGreaterThan(0, "a champion is served, so decisions are scored");
        traffic.GetProperty("endToEndP99Ms").GetDouble().Should().BeGreaterThanOrEqualTo(traffic.GetProperty("endToEndP50Ms").GetDouble());
        traffic.GetProperty("scoreHistogram").GetArrayLength().Should().Be(LiveDistributions.ScoreBins);
        traffic.GetProperty("scoreWindowSeconds").GetDouble().Should().BeInRange(0, DashboardSampler.ScoreWindow.TotalSeconds + 5);
        var series = traffic.GetProperty("series").EnumerateArray().ToList();
        series.Select(p => p.GetProperty("at").GetDateTimeOffset()).Should().BeInAscendingOrder();
        (series[^1].GetProperty("at").GetDateTimeOffset() - series[0].GetProperty("at").GetDateTimeOffset()).Should().BeLessThanOrEqualTo(DashboardSampler.SeriesLength);

        var models = latest.GetProperty("models");
        models.GetProperty("serving").EnumerateArray().Should().Contain(s => s.GetProperty("role").GetString() == "champion"
            && s.GetProperty("model").GetString() == DashboardHost.ModelName);
        models.GetProperty("registryError").ValueKind.Should().Be(JsonValueKind.Null);
        var drift = models.GetProperty("drift")[0];
        drift.GetProperty("samples").GetInt64().Should().BeGreaterThan(0);
        var features = drift.GetProperty("features").EnumerateArray().ToList();
        features.Select(f => f.GetProperty("feature").GetString()).Should().Contain(["score", "tx_count_1h"], "every reference histogram the row can fill is tracked");
        features.Select(f => f.GetProperty("psi").GetDouble()).Should().BeInDescendingOrder().And.OnlyContain(psi => psi >= 0);
        drift.GetProperty("warnings").GetInt32().Should().Be(features.Count(f => f.GetProperty("psi").GetDouble() > 0.2));

        var alert = latest.GetProperty("alerts")[0];
        alert.GetProperty("decision").GetString().Should().BeOneOf("review", "decline");
        alert.GetProperty("cardId").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Page_is_self_contained_html_that_polls_the_snapshot()
    {
        using var client = host.Client();
        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("/dashboard/api/snapshot");
        html.Should().Contain("/v1/cards/", "the card view asks the card endpoint");
        html.Should().NotContainAny(["http://", "https://", "<link ", "src="], "the page loads nothing from elsewhere (no CDN)");
        foreach (var panel in new[] { "panel-cluster", "panel-grains", "panel-traffic", "panel-models", "panel-alerts", "panel-card" })
        {
            html.Should().Contain($"id=\"{panel}\"");
        }
    }

    [Fact]
    public async Task Open_pages_share_one_sample_per_interval()
    {
        var time = new ManualTimeProvider();
        var sampler = ActivatorUtilities.CreateInstance<DashboardSampler>(host.Factory.Services, time);

        var first = await sampler.SampleAsync(CancellationToken.None);
        var again = await sampler.SampleAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        var next = await sampler.SampleAsync(CancellationToken.None);

        again.Should().BeSameAs(first, "a sample younger than the minimum interval is served again");
        next.Should().NotBeSameAs(first);
        next.IntervalSeconds.Should().BeApproximately(2.0, 1e-9, "rates are over the time since the previous sample");
    }

    private static async Task<JsonElement> SnapshotAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/dashboard/api/snapshot", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
