using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using FraudActors.Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task Configured_providers_export_traces_and_metrics_over_otlp_and_stop_cleanly()
    {
        using var collector = new FakeCollector();
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = new TelemetryOptions
        {
            Metrics = { Meters = ["Tests.Otlp"] },
            Otlp = { Endpoint = collector.Address, Protocol = "http/protobuf", ExportIntervalMilliseconds = 200, TimeoutMilliseconds = 2000, IncludeAspNetCore = false },
        };
        options.Validate().Should().BeNull();
        var export = new OtlpExport(Options.Create(options), new EngineGauges(services.GetRequiredService<IMeterFactory>(), services));
        using var meter = new Meter("Tests.Otlp.Meter");
        var counter = meter.CreateCounter<long>("tests.otlp.counter");

        await export.StartingAsync(CancellationToken.None);
        export.Tracer.Should().NotBeNull();
        export.Meters.Should().NotBeNull();
        using (var span = EngineTracing.StartTransaction("t-otlp", "card-otlp"))
        {
            span.Should().NotBeNull("the tracer provider listens to the FraudActors source");
        }

        counter.Add(5);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(collector.Paths.Contains("/v1/traces") && collector.Paths.Contains("/v1/metrics")))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the exporters post to the collector");
            await Task.Delay(20);
        }

        await export.StoppedAsync(CancellationToken.None);
        export.Tracer.Should().BeNull();
        export.Meters.Should().BeNull();
        collector.ContentTypes.Should().OnlyContain(type => type == "application/x-protobuf");
        collector.Bodies.Should().Contain(body => body.Contains("t-otlp", StringComparison.Ordinal), "the span's transaction id tag is exported");
    }

    [Fact]
    public async Task An_unreachable_collector_does_not_break_the_host()
    {
        var host = new TelemetryHost();
        host.Settings["Telemetry:Otlp:Endpoint"] = "http://127.0.0.1:" + FreePort();
        host.Settings["Telemetry:Otlp:TimeoutMilliseconds"] = "1000";
        host.Settings["Telemetry:Otlp:ExportIntervalMilliseconds"] = "200";
        host.Settings["Telemetry:Metrics:AllowAnonymous"] = "true";
        await host.InitializeAsync();
        var export = host.Services.GetRequiredService<OtlpExport>();
        try
        {
            export.Tracer.Should().NotBeNull();
            using var client = host.Client(null);
            await new MetricsEndpointTests(host).ScoreAndIngestAsync("otlp-down");
            var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK, "Telemetry:Metrics:AllowAnonymous opens /metrics");
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            await host.DisposeAsync();
            stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the final flush is bounded by the timeout");
        }

        export.Tracer.Should().BeNull("the providers are disposed when the host stops");
    }

    [Theory]
    [InlineData("not a uri", "grpc")]
    [InlineData("http://collector:4317", "thrift")]
    public void Invalid_settings_are_named(string endpoint, string protocol) =>
        new TelemetryOptions { Otlp = { Endpoint = endpoint, Protocol = protocol } }.Validate().Should().StartWith("Telemetry:Otlp:");

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Accepts OTLP/HTTP posts on a loopback port and remembers paths, content types and bodies.</summary>
    private sealed class FakeCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public FakeCollector()
        {
            Address = $"http://127.0.0.1:{FreePort()}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _loop = Task.Run(AcceptAsync);
        }

        public string Address { get; }

        public ConcurrentBag<string> Paths { get; } = [];

        public ConcurrentBag<string> ContentTypes { get; } = [];

        public ConcurrentBag<string> Bodies { get; } = [];

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _ = _loop;
        }

        private async Task AcceptAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Bodies.Add(System.Text.Encoding.Latin1.GetString(body.ToArray()));
                ContentTypes.Add(context.Request.ContentType ?? string.Empty);
                Paths.Add(context.Request.Url!.AbsolutePath);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }
}
