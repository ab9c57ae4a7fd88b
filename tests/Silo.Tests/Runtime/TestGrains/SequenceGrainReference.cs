using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

internal sealed class SequenceGrainReference(GrainReference reference) : ISequenceGrain
{
    public ValueTask<int> RecordAsync(int caller, int sequence) =>
        reference.InvokeAsync((caller, sequence), static (ISequenceGrain grain, (int Caller, int Sequence) a) => grain.RecordAsync(a.Caller, a.Sequence));

    public ValueTask<int> OrderViolationsAsync() =>
        reference.InvokeAsync(static (ISequenceGrain grain) => grain.OrderViolationsAsync());

    public ValueTask FailAsync(bool synchronously) =>
        reference.InvokeAsync(synchronously, static (ISequenceGrain grain, bool s) => grain.FailAsync(s));
}
