using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

[StatelessWorker(2)]
internal sealed class WorkerGrain(GrainProbe probe) : Grain, IWorkerGrain
{
    private static int s_instances;
    private readonly int _instance = Interlocked.Increment(ref s_instances);
    private int _inside;

    public async ValueTask<int> WorkAsync()
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            probe.Enter(); // counts as an overlap inside one worker instance
            probe.Enter();
        }

        probe.EnterConcurrent();
        try
        {
            await probe.Gate.Task.ConfigureAwait(false);
            return _instance;
        }
        finally
        {
            probe.ExitConcurrent();
            Interlocked.Decrement(ref _inside);
        }
    }

    public ValueTask<int> DoubleAsync(int value) => ValueTask.FromResult(value * 2);
}
