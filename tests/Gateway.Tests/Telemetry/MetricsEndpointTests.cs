using System.Net;
using FraudActors.Gateway.Tests.Api;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndpointTests(TelemetryHost host)
{
    /// <summary>The engine series the Grafana dashboard and the README promise.</summary>
    public static readonly string[] KeySeries =
    [
        "fraudactors_transactions_total",
        "fraudactors_decisions_total",
        "fraudactors_decision_latency_milliseconds_bucket",
        "fraudactors_ingestion_records_total",
        "fraudactors_ingestion_latency_milliseconds_bucket",
        "fraudactors_grain_activations_live",
        "fraudactors_grain_activations_total",
        "fraudactors_grain_messages_total",
        "fraudactors_grain_turn_duration_milliseconds_bucket",
        "fraudactors_ingestion_consumer_lag",
        "fraudactors_audit_rows_total",
        "fraudactors_model_version",
    ];

    [Fact]
    public async Task Metrics_need_the_read_scope()
    {
        using var anonymous = host.Client(null);
        using var scorer = host.Client(TelemetryHost.ScoreKey);

        (await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await scorer.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task After_traffic_on_both_paths_every_key_series_is_served_in_the_text_format()
    {
        await ScoreAndIngestAsync("metrics-1");

        using var client = host.Client(TelemetryHost.ReadKey);
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        var exposition = ExpositionParser.Parse(await response.Content.ReadAsStringAsync());

        foreach (var name in KeySeries)
        {
            exposition.Named(name).Should().NotBeEmpty($"{name} is on /metrics");
        }

        exposition.Named("fraudactors_decisions_total").Where(s => s.Labels["source"] == "http").Sum(s => s.Value).Should().BeGreaterThanOrEqualTo(1);
        exposition.Named("fraudactors_decisions_total").Where(s => s.Labels["source"] == "stream").Sum(s => s.Value).Should().BeGreaterThanOrEqualTo(1);
        exposition.Named("fraudactors_model_version").Should().Contain(s => s.Labels["model"] == "card-behaviour" && s.Labels["role"] == "champion" && s.Value >= 1);
        exposition.Named("fraudactors_grain_activations_live").Should().Contain(s => s.Labels["grain_type"] == "cardholder" && s.Value >= 1);
        exposition.Named("fraudactors_audit_rows_total").Should().Contain(s => s.Labels["state"] == "accepted" && s.Value >= 2);
        exposition.Types["fraudactors_grain_turn_duration_milliseconds"].Should().Be("histogram");
    }

    [Fact]
    public async Task Counters_grow_with_traffic()
    {
        await ScoreAndIngestAsync("metrics-2");
        var before = Decisions(ExpositionParser.Parse(await host.ScrapeAsync()));

        using var client = host.Client(TelemetryHost.ScoreKey);
        for (var i = 0; i < 3; i++)
        {
            var response = await ApiHost.PostJson(client, "/v1/transactions/score",
                TransactionScoringTests.Transaction($"t-grow-{i}", "card-grow", $"2026-03-05T10:0{i}:00Z"));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var after = Decisions(ExpositionParser.Parse(await host.ScrapeAsync()));
        after.Should().BeGreaterThanOrEqualTo(before + 3);
    }

    /// <summary>One transaction through the API and one through the in-memory stream, waiting until the stream's is decided.</summary>
    internal async Task ScoreAndIngestAsync(string prefix)
    {
        using var client = host.Client(TelemetryHost.ScoreKey);
        var response = await ApiHost.PostJson(client, "/v1/transactions/score", TransactionScoringTests.Transaction($"{prefix}-http", $"card-{prefix}-http"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var metrics = host.Services.GetRequiredService<FraudActors.Silo.Ingestion.IngestionMetrics>();
        var processed = metrics.ProcessedTotal;
        await host.Services.GetRequiredService<InMemoryTransactionStream>().AppendAsync(StreamTransaction($"{prefix}-stream", $"card-{prefix}-stream"), CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (metrics.ProcessedTotal <= processed)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the appended record is ingested");
            await Task.Delay(10);
        }
    }

    internal static CardTransaction StreamTransaction(string id, string card) =>
        new(id, card, new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), 42.50m, "EUR", "m-1", "grocery", Channel.CardPresent, "Paris", 48.85, 2.35);

    private static double Decisions(ExpositionParser.Exposition exposition) =>
        exposition.Named("fraudactors_decisions_total").Where(s => s.Labels["source"] == "http").Sum(s => s.Value);
}
