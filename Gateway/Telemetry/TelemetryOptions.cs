namespace FraudActors.Gateway.Telemetry;

/// <summary>The <c>Telemetry</c> configuration section: the Prometheus endpoint and the optional OTLP export.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public MetricsEndpointOptions Metrics { get; set; } = new();

    public OtlpExportOptions Otlp { get; set; } = new();

    /// <summary>Null when valid, otherwise what to fix.</summary>
    public string? Validate()
    {
        if (Metrics.Path is not { Length: > 1 } path || path[0] != '/')
        {
            return "Telemetry:Metrics:Path must start with '/'.";
        }

        if (Metrics.MaxSeriesPerInstrument is < 1 or > 100_000)
        {
            return "Telemetry:Metrics:MaxSeriesPerInstrument must be between 1 and 100000.";
        }

        if (Otlp.Endpoint is { Length: > 0 } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            return $"Telemetry:Otlp:Endpoint '{endpoint}' is not an absolute URI (e.g. http://otel-collector:4317).";
        }

        if (Otlp.Protocol is not ("grpc" or "http/protobuf"))
        {
            return "Telemetry:Otlp:Protocol must be 'grpc' or 'http/protobuf'.";
        }

        if (Otlp.ExportIntervalMilliseconds is < 100 or > 3_600_000 || Otlp.TimeoutMilliseconds is < 100 or > 600_000)
        {
            return "Telemetry:Otlp:ExportIntervalMilliseconds must be 100..3600000 and TimeoutMilliseconds 100..600000.";
        }

        return null;
    }
}
