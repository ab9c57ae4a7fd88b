using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

internal sealed class TickerGrainReference(GrainReference reference) : ITickerGrain
{
    public ValueTask<int> TicksAsync() => reference.InvokeAsync(static (ITickerGrain grain) => grain.TicksAsync());

    public ValueTask HoldAsync() => reference.InvokeAsync(static (ITickerGrain grain) => grain.HoldAsync());

    public ValueTask DeactivateAsync() => reference.InvokeAsync(static (ITickerGrain grain) => grain.DeactivateAsync());
}
