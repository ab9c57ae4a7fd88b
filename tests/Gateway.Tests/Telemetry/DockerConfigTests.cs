using System.Text.Json;
using System.Text.RegularExpressions;

namespace FraudActors.Gateway.Tests.Telemetry;

/// <summary>docker/: the Grafana dashboard parses, and every metric it or the scrape config names is on a running host's /metrics.</summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class DockerConfigTests(TelemetryHost host)
{
    private static string Docker(string path) => Path.Combine(TelemetryHost.RepositoryRoot, "docker", path);

    [Fact]
    public void The_grafana_dashboard_is_valid_json_with_the_key_panels()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Docker("grafana/fraudactors-dashboard.json")));
        var titles = dashboard.RootElement.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).ToList();

        dashboard.RootElement.GetProperty("uid").GetString().Should().Be("fraudactors");
        titles.Should().HaveCountGreaterThanOrEqualTo(8);
        foreach (var expected in (string[])["Transactions", "Decisions", "Fraud rate", "End-to-end latency", "Consumer lag", "activations", "Turn latency", "Model version"])
        {
            titles.Should().Contain(t => t.Contains(expected, StringComparison.OrdinalIgnoreCase), $"a panel shows {expected}");
        }

        Expressions(dashboard).Should().OnlyContain(e => e.Length > 0);
    }

    [Fact]
    public async Task Every_metric_the_dashboard_and_the_scrape_config_name_is_served()
    {
        await new MetricsEndpointTests(host).ScoreAndIngestAsync("docker");
        var served = ExpositionParser.Parse(await host.ScrapeAsync()).Samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Docker("grafana/fraudactors-dashboard.json")));
        var referenced = Expressions(dashboard).Append(File.ReadAllText(Docker("prometheus.yml")))
            .SelectMany(text => MetricReference().Matches(text).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

        referenced.Should().HaveCountGreaterThanOrEqualTo(8);
        served.Should().Contain(referenced);
    }

    [Fact]
    public void The_scrape_config_and_compose_point_at_what_exists()
    {
        var scrape = File.ReadAllText(Docker("prometheus.yml"));
        var compose = File.ReadAllText(Docker("compose.yaml"));

        scrape.Should().Contain("metrics_path: /metrics").And.Contain("gateway:5080");
        compose.Should().Contain("Telemetry__Metrics__AllowAnonymous");
        foreach (Match mount in ComposeMount().Matches(compose))
        {
            var path = Docker(mount.Groups[1].Value);
            (File.Exists(path) || Directory.Exists(path)).Should().BeTrue($"compose mounts ./{mount.Groups[1].Value}");
        }
    }

    private static List<string> Expressions(JsonDocument dashboard) =>
        dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();

    [GeneratedRegex("fraudactors_[a-z0-9_]+")]
    private static partial Regex MetricReference();

    [GeneratedRegex(@"- \./([^:\s]+):")]
    private static partial Regex ComposeMount();
}
