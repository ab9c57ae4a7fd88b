using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using FraudActors.Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Tests.Telemetry;

/// <summary>The hand-written exporter against the format, on a meter of its own (no host).</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly string _meterName = "Tests.Telemetry." + Guid.NewGuid().ToString("N");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Meter _meter;
    private readonly MetricsCollector _collector;

    public PrometheusExporterTests()
    {
        _meter = new Meter(_meterName);
        var options = new TelemetryOptions { Metrics = { Meters = [_meterName], MaxSeriesPerInstrument = 50 } };
        _collector = new MetricsCollector(Options.Create(options), new EngineGauges(_services.GetRequiredService<IMeterFactory>(), _services));
    }

    [Theory]
    [InlineData("fraudactors.grain.turn.duration", "ms", false, "fraudactors_grain_turn_duration_milliseconds")]
    [InlineData("fraudactors.grain.messages", "{message}", true, "fraudactors_grain_messages_total")]
    [InlineData("fraudactors.kafka.consumer_lag", "{record}", false, "fraudactors_kafka_consumer_lag")]
    [InlineData("requests_total", null, true, "requests_total")]
    [InlineData("9lives-é.x", "s", false, "_9lives___x_seconds")]
    [InlineData("latency_milliseconds", "ms", false, "latency_milliseconds")]
    public void Names_are_sanitised_with_unit_and_total_suffixes(string instrument, string? unit, bool counter, string expected) =>
        PrometheusText.MetricName(instrument, unit, counter).Should().Be(expected);

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline_only()
    {
        PrometheusText.EscapeLabelValue("a\\b\"c\nd\té").Should().Be("a\\\\b\\\"c\\nd\té");
        PrometheusText.LabelName("grain.type").Should().Be("grain_type");
        PrometheusText.LabelName("__reserved").Should().Be("_reserved");
    }

    [Fact]
    public void Counters_and_gauges_are_exported_with_escaped_labels_that_parse_back()
    {
        var counter = _meter.CreateCounter<long>("test.decisions", "{decision}", "Decisions\nby kind \\ source.");
        var hostile = "quote\" back\\slash\nnewline";
        counter.Add(3, new KeyValuePair<string, object?>("decision", "approve"), new KeyValuePair<string, object?>("source", "stream"));
        counter.Add(2, new KeyValuePair<string, object?>("source", "stream"), new KeyValuePair<string, object?>("decision", "approve"));
        counter.Add(1, new KeyValuePair<string, object?>("decision", hostile));
        var live = 7;
        _meter.CreateObservableGauge("test.live", () => new Measurement<int>(live, new KeyValuePair<string, object?>("grain.type", "cardholder")));

        var exposition = ExpositionParser.Parse(Scrape());

        exposition.Types["test_decisions_total"].Should().Be("counter");
        exposition.Types["test_live"].Should().Be("gauge");
        exposition.Named("test_decisions_total").Should().HaveCount(2, "tag order does not make a new series");
        exposition.Named("test_decisions_total").Single(s => s.Labels["decision"] == "approve").Value.Should().Be(5);
        exposition.Named("test_decisions_total").Single(s => s.Labels["decision"] == hostile).Value.Should().Be(1);
        exposition.Named("test_live").Single().Labels["grain_type"].Should().Be("cardholder");
        exposition.Named("test_live").Single().Value.Should().Be(7);
        Scrape().Should().Contain("# HELP test_decisions_total Decisions\\nby kind \\\\ source.\n");
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_and_match_a_brute_force_count()
    {
        var histogram = _meter.CreateHistogram<double>("test.latency", "ms");
        var random = new Random(11);
        var values = new List<double>();
        for (var i = 0; i < 5_000; i++)
        {
            // Log-uniform from 1 µs to 100 s, plus exact bucket bounds (le is inclusive).
            var value = i % 50 == 0 ? HistogramBounds.Milliseconds[i % HistogramBounds.Milliseconds.Length] : Math.Pow(10, (random.NextDouble() * 8) - 3);
            values.Add(value);
            histogram.Record(value, new KeyValuePair<string, object?>("source", i % 2 == 0 ? "http" : "stream"));
        }

        var exposition = ExpositionParser.Parse(Scrape());

        exposition.Types["test_latency_milliseconds"].Should().Be("histogram");
        foreach (var source in (string[])["http", "stream"])
        {
            var mine = values.Where((_, i) => (i % 2 == 0) == (source == "http")).ToList();
            var buckets = exposition.Named("test_latency_milliseconds_bucket").Where(s => s.Labels["source"] == source).ToList();
            buckets.Should().HaveCount(HistogramBounds.Milliseconds.Length + 1);
            foreach (var bucket in buckets)
            {
                var bound = bucket.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(bucket.Labels["le"], CultureInfo.InvariantCulture);
                bucket.Value.Should().Be(mine.Count(v => v <= bound), $"bucket le={bucket.Labels["le"]}");
            }

            exposition.Named("test_latency_milliseconds_count").Single(s => s.Labels["source"] == source).Value.Should().Be(mine.Count);
            exposition.Named("test_latency_milliseconds_sum").Single(s => s.Labels["source"] == source).Value.Should().BeApproximately(mine.Sum(), 1e-6 * mine.Sum());
        }
    }

    [Fact]
    public void Observable_series_that_are_no_longer_reported_disappear()
    {
        var partitions = new List<int> { 0, 1, 2 };
        _meter.CreateObservableGauge("test.lag", () => partitions.Select(p => new Measurement<long>(p * 10, new KeyValuePair<string, object?>("partition", p))));

        ExpositionParser.Parse(Scrape()).Named("test_lag").Should().HaveCount(3);
        partitions.Remove(1);

        var after = ExpositionParser.Parse(Scrape()).Named("test_lag").ToList();
        after.Select(s => s.Labels["partition"]).Should().BeEquivalentTo(["0", "2"], "partition 1 moved away");
        after.Single(s => s.Labels["partition"] == "2").Value.Should().Be(20);
    }

    [Fact]
    public void Label_sets_beyond_the_limit_are_dropped_not_kept()
    {
        var counter = _meter.CreateCounter<long>("test.cardinality");
        for (var i = 0; i < 200; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        }

        ExpositionParser.Parse(Scrape()).Named("test_cardinality_total").Should().HaveCount(50);
    }

    [Fact]
    public void Meters_outside_the_selection_are_ignored()
    {
        MetricsCollector.IsSelected("FraudActors.Runtime", ["FraudActors"]).Should().BeTrue();
        MetricsCollector.IsSelected("FraudActors", ["FraudActors"]).Should().BeTrue();
        MetricsCollector.IsSelected("FraudActorsX", ["FraudActors"]).Should().BeFalse();
        MetricsCollector.IsSelected("System.Runtime", ["FraudActors"]).Should().BeFalse();
    }

    public void Dispose()
    {
        _collector.Dispose();
        _meter.Dispose();
        _services.Dispose();
    }

    private string Scrape()
    {
        var text = new StringBuilder();
        _collector.WriteTo(text);
        return text.ToString();
    }
}
