using FraudActors.Silo.Tests.Runtime.TestGrains;

namespace FraudActors.Silo.Tests.Runtime;

public sealed class GrainTimerTests
{
    [Fact]
    public async Task Timer_ticks_run_as_turns_and_wait_for_a_running_call()
    {
        await using var silo = new TestSilo();
        var ticker = silo.Factory.GetGrain<ITickerGrain>("t");
        (await ticker.TicksAsync()).Should().Be(0);

        silo.Clock.Advance(TickerGrain.Period);
        await Eventually.TrueAsync(() => silo.Probe.Ticks == 1, "the first tick ran");

        var hold = ticker.HoldAsync().AsTask();
        silo.Clock.Advance(TickerGrain.Period);
        var ticksWhileHeld = silo.Probe.Ticks;
        silo.Probe.Gate.SetResult();
        await hold;
        await Eventually.TrueAsync(() => silo.Probe.Ticks == 2, "the queued tick ran after the call");

        ticksWhileHeld.Should().Be(1, "the tick may not run while a call's turn is open");
        silo.Probe.Overlaps.Should().Be(0);
        (await ticker.TicksAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Timers_stop_when_the_grain_is_deactivated()
    {
        await using var silo = new TestSilo();
        var ticker = silo.Factory.GetGrain<ITickerGrain>("stopping");
        await ticker.TicksAsync();
        silo.Clock.Advance(TickerGrain.Period);
        await Eventually.TrueAsync(() => silo.Probe.Ticks == 1, "the first tick ran");

        await ticker.DeactivateAsync();
        await Eventually.TrueAsync(() => silo.Runtime.LiveActivations == 0, "the grain is deactivated");
        silo.Clock.Advance(TickerGrain.Period * 5);

        silo.Probe.Ticks.Should().Be(1, "a deactivated grain's timer no longer fires");
        silo.Runtime.LiveActivations.Should().Be(0, "a timer does not reactivate its grain");
    }

    [Fact]
    public async Task Timer_ticks_do_not_keep_a_grain_from_idle_deactivation()
    {
        await using var silo = new TestSilo(o => o.IdleAge = TimeSpan.FromMinutes(5));
        await silo.Factory.GetGrain<ITickerGrain>("quiet").TicksAsync();

        for (var minute = 1; minute <= 4; minute++)
        {
            silo.Clock.Advance(TimeSpan.FromMinutes(1));
            await Eventually.TrueAsync(() => silo.Probe.Ticks == minute, "the tick of this minute ran");
        }

        // At minute 5 the grain has had no message for the idle age: ticks did not count as use.
        silo.Clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(() => silo.Probe.Count("quiet", "deactivate") == 1, "the quiet grain is collected");
        silo.Probe.Ticks.Should().BeInRange(4, 5, "the timer shrank windows while the grain was quiet, until deactivation");
    }
}
