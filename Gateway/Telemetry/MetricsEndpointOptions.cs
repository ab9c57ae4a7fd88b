namespace FraudActors.Gateway.Telemetry;

/// <summary><c>Telemetry:Metrics</c>: the Prometheus text endpoint.</summary>
internal sealed class MetricsEndpointOptions
{
    /// <summary>Serve the endpoint (default true). Off also stops the in-process aggregation.</summary>
    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Default false: the endpoint needs a key with the <c>read</c> scope. Scrapers rarely send API keys, so a
    /// deployment that keeps /metrics on a private network may open it.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Meters whose name equals or starts with one of these (then a dot) are exported.</summary>
    public string[] Meters { get; set; } = ["FraudActors"];

    /// <summary>Label sets kept per instrument; further ones are dropped, so a tag bug cannot exhaust memory.</summary>
    public int MaxSeriesPerInstrument { get; set; } = 2_000;
}
