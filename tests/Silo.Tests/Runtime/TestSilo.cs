using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Runtime;
using FraudActors.Silo.Runtime.Storage;
using FraudActors.Silo.Tests.Runtime.TestGrains;
using FraudActors.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Silo.Tests.Runtime;

/// <summary>A runtime with the test grains, a manual clock and a probe, built the way the host builds it.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public TestSilo(Action<GrainRuntimeOptions>? configure = null, bool manualClock = true)
    {
        var services = new ServiceCollection();
        if (manualClock)
        {
            services.AddSingleton<TimeProvider>(Clock);
        }

        services.AddSingleton(Probe);
        services.AddGrainRuntime(configure);
        services.AddGrain<ICounterGrain, CounterGrain>(reference => new CounterGrainReference(reference));
        services.AddGrain<ISequenceGrain, SequenceGrain>(reference => new SequenceGrainReference(reference));
        services.AddGrain<IWorkerGrain, WorkerGrain>(reference => new WorkerGrainReference(reference));
        services.AddGrain<ITickerGrain, TickerGrain>(reference => new TickerGrainReference(reference));
        _provider = services.BuildServiceProvider(validateScopes: true);
        Runtime = _provider.GetRequiredService<GrainRuntime>();
        Storage = (InMemoryGrainStorage)_provider.GetRequiredService<IGrainStorage>();
    }

    public ManualTimeProvider Clock { get; } = new();

    public GrainProbe Probe { get; } = new();

    public GrainRuntime Runtime { get; }

    public InMemoryGrainStorage Storage { get; }

    public IGrainFactory Factory => Runtime;

    public async ValueTask<long?> StoredCounterAsync(string key)
    {
        var snapshot = await Storage.ReadAsync(new GrainId("counter", key), CancellationToken.None);
        return snapshot is null ? null : CounterState.ReadFrom(snapshot.Payload.Span, snapshot.SchemaVersion).Value;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
