using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

/// <summary>The hand-written proxy: each method forwards through the reference with a static lambda.</summary>
internal sealed class CounterGrainReference(GrainReference reference) : ICounterGrain
{
    public ValueTask<long> AddAsync(long delta) =>
        reference.InvokeAsync(delta, static (ICounterGrain grain, long d) => grain.AddAsync(d));

    public ValueTask<long> GetAsync() =>
        reference.InvokeAsync(static (ICounterGrain grain) => grain.GetAsync());

    public ValueTask<long> AddDoubledAsync(int value) =>
        reference.InvokeAsync(value, static (ICounterGrain grain, int v) => grain.AddDoubledAsync(v));

    public ValueTask CheckpointAsync(StreamPosition position) =>
        reference.InvokeAsync(position, static (ICounterGrain grain, StreamPosition p) => grain.CheckpointAsync(p));

    public ValueTask DeactivateAsync() =>
        reference.InvokeAsync(static (ICounterGrain grain) => grain.DeactivateAsync());
}
