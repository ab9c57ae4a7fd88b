using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

internal sealed class WorkerGrainReference(GrainReference reference) : IWorkerGrain
{
    public ValueTask<int> WorkAsync() => reference.InvokeAsync(static (IWorkerGrain grain) => grain.WorkAsync());

    public ValueTask<int> DoubleAsync(int value) =>
        reference.InvokeAsync(value, static (IWorkerGrain grain, int v) => grain.DoubleAsync(v));
}
