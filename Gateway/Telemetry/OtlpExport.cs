using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FraudActors.Gateway.Telemetry;

/// <summary>
/// OpenTelemetry export over OTLP, built by hand (OpenTelemetry.Extensions.Hosting is not available here): the
/// providers are created before any hosted service starts and flushed and disposed after all have stopped, with the
/// flush bounded by <see cref="OtlpExportOptions.TimeoutMilliseconds"/>. Export failures are the exporter's business
/// (it logs them to its event source and retries on the next interval); they never reach the host.
/// </summary>
internal sealed class OtlpExport(IOptions<TelemetryOptions> options, EngineGauges gauges) : IHostedLifecycleService, IDisposable
{
    private readonly OtlpExportOptions _options = options.Value.Otlp;
    private readonly string[] _meters = options.Value.Metrics.Meters;

    public MeterProvider? Meters { get; private set; }

    public TracerProvider? Tracer { get; private set; }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(gauges); // resolved for its instruments: they must exist for the meter provider to see them
        if (!_options.Enabled || Tracer is not null)
        {
            return Task.CompletedTask;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(_options.ServiceName, serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId);
        var traces = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(EngineTracing.SourceName);
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddView(ViewOf);
        foreach (var meter in _meters)
        {
            metrics.AddMeter(meter, meter + ".*");
        }

        if (_options.IncludeAspNetCore)
        {
            traces.AddSource("Microsoft.AspNetCore");
            metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
        }

        Tracer = traces.AddOtlpExporter(exporter => Configure(exporter, "v1/traces")).Build();
        Meters = metrics.AddOtlpExporter((exporter, reader) =>
        {
            Configure(exporter, "v1/metrics");
            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = _options.ExportIntervalMilliseconds;
            reader.PeriodicExportingMetricReaderOptions.ExportTimeoutMilliseconds = _options.TimeoutMilliseconds;
        }).Build();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        // Last, after the engine stopped, so its final spans and counts go out; bounded so a dead collector cannot hang shutdown.
        Tracer?.Shutdown(_options.TimeoutMilliseconds);
        Meters?.Shutdown(_options.TimeoutMilliseconds);
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Tracer?.Dispose();
        Meters?.Dispose();
        Tracer = null;
        Meters = null;
    }

    private void Configure(OtlpExporterOptions exporter, string signalPath)
    {
        var endpoint = _options.Endpoint!.TrimEnd('/');
        exporter.Protocol = _options.Protocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

        // A programmatic endpoint is used as given, so http/protobuf needs the signal's path (the environment variable would add it).
        exporter.Endpoint = new Uri(exporter.Protocol == OtlpExportProtocol.HttpProtobuf ? $"{endpoint}/{signalPath}" : endpoint);
        exporter.TimeoutMilliseconds = _options.TimeoutMilliseconds;
    }

    // Millisecond histograms get the same microsecond-to-seconds buckets as /metrics (OpenTelemetry's default starts at 5 ms).
    private static MetricStreamConfiguration? ViewOf(Instrument instrument) =>
        instrument.Unit == "ms" && instrument.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(Histogram<>)
            ? new ExplicitBucketHistogramConfiguration { Boundaries = HistogramBounds.Milliseconds }
            : null;
}
