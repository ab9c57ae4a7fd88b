using FraudActors.Silo.Ingestion;

namespace FraudActors.Silo.Tests.Ingestion;

public sealed class SettleCounterTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_waiter_is_released_by_the_bump_that_reaches_its_target_and_not_before()
    {
        var counter = new SettleCounter();
        var waiting = counter.WaitAsync(3, Long, TimeProvider.System);
        counter.Add(2);
        await Task.Delay(50);
        waiting.IsCompleted.Should().BeFalse();

        counter.Add(1);
        (await waiting.WaitAsync(Long)).Should().BeTrue();
        (await counter.WaitAsync(3, Long, TimeProvider.System)).Should().BeTrue("a reached target completes at once");
    }

    [Fact]
    public async Task A_timeout_answers_false_and_forgets_the_waiter()
    {
        var counter = new SettleCounter();
        (await counter.WaitAsync(1, TimeSpan.FromMilliseconds(30), TimeProvider.System)).Should().BeFalse();
        counter.Add(1);
        counter.Value.Should().Be(1);
    }

    [Fact]
    public async Task Cancellation_throws_and_forgets_the_waiter()
    {
        var counter = new SettleCounter();
        using var cancel = new CancellationTokenSource();
        var waiting = counter.WaitAsync(1, Long, TimeProvider.System, cancel.Token);
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Concurrent_bumps_release_every_waiter_exactly_at_its_target()
    {
        // Waiters registered while four threads bump: none may hang (the registration races the bumps) and none may
        // complete before the count reached its target.
        var counter = new SettleCounter();
        const int perThread = 50_000;
        var bumps = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                counter.Add(1);
            }
        })).ToArray();
        var checks = Enumerable.Range(1, 200).Select(async i =>
        {
            var target = i * 1_000L;
            (await counter.WaitAsync(target, Long, TimeProvider.System)).Should().BeTrue();
            counter.Value.Should().BeGreaterThanOrEqualTo(target);
        }).ToArray();

        await Task.WhenAll(bumps);
        await Task.WhenAll(checks).WaitAsync(Long);
        counter.Value.Should().Be(4 * perThread);
    }
}
