using FraudActors.Silo.Tests.Runtime.TestGrains;

namespace FraudActors.Silo.Tests.Runtime;

public sealed class GrainTurnTests
{
    [Fact]
    public async Task Concurrent_callers_never_overlap_turns_and_each_callers_order_holds()
    {
        await using var silo = new TestSilo();
        const int callers = 8;
        const int calls = 2_000;

        var tasks = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            tasks[c] = Task.Run(async () =>
            {
                var grain = silo.Factory.GetGrain<ISequenceGrain>("shared");
                for (var i = 0; i < calls; i++)
                {
                    await grain.RecordAsync(caller, i);
                }
            });
        }

        await Task.WhenAll(tasks);

        var target = silo.Factory.GetGrain<ISequenceGrain>("shared");
        silo.Probe.Overlaps.Should().Be(0);
        (await target.OrderViolationsAsync()).Should().Be(0);
        (await target.RecordAsync(callers, 0)).Should().Be((callers * calls) + 1, "every message ran exactly once");
    }

    [Fact]
    public async Task Pipelined_calls_from_one_caller_run_in_send_order()
    {
        await using var silo = new TestSilo();
        var grain = silo.Factory.GetGrain<ISequenceGrain>("pipelined");
        var pending = new List<Task<int>>();
        for (var i = 0; i < 1_000; i++)
        {
            // Not awaited: later calls queue behind turns that are still in flight.
            pending.Add(grain.RecordAsync(0, i).AsTask());
        }

        var turns = await Task.WhenAll(pending);

        turns.Should().Equal(Enumerable.Range(1, 1_000), "the grain saw the calls in the order they were sent");
        (await grain.OrderViolationsAsync()).Should().Be(0);
        silo.Probe.Overlaps.Should().Be(0);
    }

    [Fact]
    public async Task A_throwing_call_fails_only_that_call_and_the_grain_stays_usable()
    {
        await using var silo = new TestSilo();
        var grain = silo.Factory.GetGrain<ISequenceGrain>("faulty");
        await grain.RecordAsync(0, 0);

        var sync = async () => await grain.FailAsync(synchronously: true);
        var async = async () => await grain.FailAsync(synchronously: false);
        await sync.Should().ThrowAsync<InvalidOperationException>().WithMessage("sync failure");
        await async.Should().ThrowAsync<InvalidOperationException>().WithMessage("async failure");

        (await grain.RecordAsync(0, 1)).Should().Be(2, "the activation kept its in-memory state");
        var statistics = silo.Runtime.GetStatistics().GrainTypes.Single(t => t.GrainType == nameof(SequenceGrain));
        statistics.Errors.Should().Be(2);
        statistics.Activations.Should().Be(1, "a failed call does not deactivate the grain");
        statistics.Messages.Should().Be(4);
    }

    [Fact]
    public async Task Calls_from_many_threads_to_a_worker_and_a_grain_all_complete()
    {
        await using var silo = new TestSilo();
        var worker = silo.Factory.GetGrain<IWorkerGrain>("0");
        var counter = silo.Factory.GetGrain<ICounterGrain>("chain");

        // Calls from many threads at once exercise the queued path as well as the inline one.
        var results = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(async () =>
        {
            var doubled = await worker.DoubleAsync(i);
            return await counter.AddAsync(doubled);
        })));

        results.Max().Should().Be(Enumerable.Range(1, 200).Sum(i => 2L * i));
        silo.Probe.Overlaps.Should().Be(0);
    }

    [Fact]
    public async Task A_grain_calls_another_grain_from_inside_its_turn()
    {
        await using var silo = new TestSilo();
        var card = silo.Factory.GetGrain<ICounterGrain>("nested");

        (await card.AddDoubledAsync(4)).Should().Be(8);
        (await card.AddDoubledAsync(1)).Should().Be(10);
        silo.Runtime.GetStatistics().GrainTypes.Single(t => t.GrainType == nameof(WorkerGrain)).Messages.Should().Be(2);
    }

    [Fact]
    public async Task References_to_a_live_grain_are_reused_and_unknown_interfaces_are_rejected()
    {
        await using var silo = new TestSilo();
        var first = silo.Factory.GetGrain<ICounterGrain>("same");
        await first.AddAsync(1);

        silo.Factory.GetGrain<ICounterGrain>("same").Should().BeSameAs(first, "a live activation caches its proxy");
        var unknown = () => silo.Factory.GetGrain<IUnregisteredGrain>("x");
        unknown.Should().Throw<ArgumentException>().WithMessage("*AddGrain*");
    }
}
