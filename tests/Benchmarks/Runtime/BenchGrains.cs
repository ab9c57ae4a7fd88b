using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Benchmarks.Runtime;

internal interface IEchoGrain : IGrainWithStringKey
{
    ValueTask<int> EchoAsync(int value);
}

internal sealed class EchoGrainReference(GrainReference reference) : IEchoGrain
{
    public ValueTask<int> EchoAsync(int value) =>
        reference.InvokeAsync(value, static (IEchoGrain grain, int v) => grain.EchoAsync(v));
}

internal sealed class EchoGrain : Grain, IEchoGrain
{
    public ValueTask<int> EchoAsync(int value) => ValueTask.FromResult(value + 1);
}

internal interface IEchoWorkerGrain : IGrainWithStringKey
{
    ValueTask<int> EchoAsync(int value);
}

internal sealed class EchoWorkerGrainReference(GrainReference reference) : IEchoWorkerGrain
{
    public ValueTask<int> EchoAsync(int value) =>
        reference.InvokeAsync(value, static (IEchoWorkerGrain grain, int v) => grain.EchoAsync(v));
}

[StatelessWorker]
internal sealed class EchoWorkerGrain : Grain, IEchoWorkerGrain
{
    public ValueTask<int> EchoAsync(int value) => ValueTask.FromResult(value + 1);
}
