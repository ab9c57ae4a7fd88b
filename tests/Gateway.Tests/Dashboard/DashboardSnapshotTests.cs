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
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(latest.GetProperty("traffic").GetProperty("transactionsPerSecond").GetDouble() > 0
                 && latest.GetProperty("traffic").GetProperty("processedTotal").GetInt64() > first.GetProperty("traffic").GetProperty("processedTotal").GetInt64()
                 && latest.GetProperty("grains").GetProperty("messagesPerSecond").GetDouble() > 0))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "simulated traffic flows through the silo: {0}", latest);
            await Task.Delay(200);
            latest = await SnapshotAsync(client);
        }

        var cluster = latest.GetProperty("cluster");
        cluster.GetProperty("uptimeSeconds").GetDouble().Should().BeGreaterThan(0);
        cluster.GetProperty("workingSetBytes").GetInt64().Should().BeGreaterThan(1 << 20);
        cluster.GetProperty("gcHeapBytes").GetInt64().Should().BeGreaterThan(0);
        cluster.GetProperty("cpuPercent").GetDouble().Should().BeInRange(0, 100);
        var partitions = cluster.GetProperty("partitions").EnumerateArray().ToList();
        partitions.Should().NotBeEmpty();
        partitions.Should().Contain(p => p.GetProperty("completedOffset").GetInt64() >= 0, "some partition has processed records");

        var grains = latest.GetProperty("grains");
        grains.GetProperty("liveActivations").GetInt32().Should().BeGreaterThan(0);
        var cardholder = grains.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("grainType").GetString() == "cardholder");
        cardholder.GetProperty("liveActivations").GetInt32().Should().BeInRange(1, 300, "the demo has 300 cards");
        cardholder.GetProperty("messagesPerSecond").GetDouble().Should().BeGreaterThan(0);
        cardholder.GetProperty("turnP99Ms").GetDouble().Should().BeGreaterThanOrEqualTo(cardholder.GetProperty("turnP50Ms").GetDouble());

        var traffic = latest.GetProperty("traffic");
        traffic.GetProperty("failedTotal").GetInt64().Should().Be(0);
        traffic.GetProperty("unscored").GetInt64().Should().BeGreaterThan(0, "no model is trained in this demo, so decisions are unscored");
        traffic.GetProperty("endToEndP99Ms").GetDouble().Should().BeGreaterThanOrEqualTo(traffic.GetProperty("endToEndP50Ms").GetDouble());

        var models = latest.GetProperty("models");
        models.GetProperty("serving").GetArrayLength().Should().Be(0, "the registry is empty and no model is trained");
        models.GetProperty("registryError").ValueKind.Should().Be(JsonValueKind.Null);
        latest.GetProperty("alerts").GetArrayLength().Should().Be(0, "unscored transactions raise no alert");
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
        html.Should().NotContainAny(["http://", "https://", "<link ", "src="], "the page loads nothing from elsewhere (no CDN)");
        foreach (var panel in new[] { "panel-cluster", "panel-grains", "panel-traffic", "panel-models", "panel-alerts" })
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
