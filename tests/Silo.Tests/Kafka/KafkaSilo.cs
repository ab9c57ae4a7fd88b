using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Tests.Kafka;

/// <summary>One silo as the host would build it with AddKafkaSilo (in-memory grain storage), plus a capturing sink.</summary>
internal sealed class KafkaSilo : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _services;
    private bool _started;

    public KafkaSilo(Action<KafkaOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Log));
        services.AddKafkaSilo(configure);
        services.AddSingleton<IDecisionSink>(Sink);
        _provider = services.BuildServiceProvider(validateScopes: true);
        _services = _provider.GetServices<IHostedService>().ToArray();
        Ingestion = _provider.GetRequiredService<KafkaIngestionService>();
        Decisions = _provider.GetRequiredService<KafkaDecisionSink>();
        Grains = _provider.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    public CapturingSink Sink { get; } = new();

    public CapturingLoggerProvider Log { get; } = new();

    public KafkaIngestionService Ingestion { get; }

    public KafkaDecisionSink Decisions { get; }

    public async Task StartAsync()
    {
        foreach (var service in _services)
        {
            await service.StartAsync(CancellationToken.None);
        }

        _started = true;
    }

    public async Task StopAsync()
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        for (var i = _services.Length - 1; i >= 0; i--)
        {
            await _services[i].StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _provider.DisposeAsync();
    }
}
