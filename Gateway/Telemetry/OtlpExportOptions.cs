namespace FraudActors.Gateway.Telemetry;

/// <summary><c>Telemetry:Otlp</c>: OpenTelemetry export of metrics and traces; off unless an endpoint is set.</summary>
internal sealed class OtlpExportOptions
{
    /// <summary>e.g. <c>http://otel-collector:4317</c> (grpc) or <c>http://otel-collector:4318</c> (http/protobuf).</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "fraudactors";

    public int ExportIntervalMilliseconds { get; set; } = 10_000;

    /// <summary>Bounds each export and the final flush at shutdown, so an unreachable collector cannot hold the host.</summary>
    public int TimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>Also export ASP.NET Core's request spans and metrics (sources "Microsoft.AspNetCore.*").</summary>
    public bool IncludeAspNetCore { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}
