using FraudActors.Silo.Tests.Runtime.TestGrains;

namespace FraudActors.Silo.Tests.Runtime;

public sealed class StatelessWorkerTests
{
    [Fact]
    public async Task A_stateless_worker_runs_up_to_its_pool_size_of_turns_at_once_and_never_more()
    {
        await using var silo = new TestSilo();
        var worker = silo.Factory.GetGrain<IWorkerGrain>("0");

        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(() => worker.WorkAsync().AsTask())).ToArray();
        await Eventually.TrueAsync(() => silo.Probe.Concurrent == 2, "both workers hold a turn");
        var queued = calls.Count(c => c.IsCompleted);

        silo.Probe.Gate.SetResult();
        var instances = await Task.WhenAll(calls);

        queued.Should().Be(0, "the six other calls wait for a free worker");
        silo.Probe.MaxConcurrent.Should().Be(2, "[StatelessWorker(2)] caps the pool at two");
        silo.Probe.Overlaps.Should().Be(0, "each worker instance is still single-threaded");
        instances.Distinct().Should().HaveCount(2);
        silo.Runtime.GetStatistics().GrainTypes.Single(t => t.GrainType == nameof(WorkerGrain)).LiveActivations.Should().Be(2);
    }

    [Fact]
    public async Task A_stateless_worker_pool_is_idle_collected_and_serves_again_afterwards()
    {
        await using var silo = new TestSilo();
        var worker = silo.Factory.GetGrain<IWorkerGrain>("0");
        (await worker.DoubleAsync(21)).Should().Be(42);

        silo.Clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.TrueAsync(() => silo.Runtime.LiveActivations == 0, "the idle worker is deactivated");

        (await worker.DoubleAsync(5)).Should().Be(10);
        silo.Runtime.GetStatistics().GrainTypes.Single(t => t.GrainType == nameof(WorkerGrain)).Activations.Should().Be(2);
    }
}
