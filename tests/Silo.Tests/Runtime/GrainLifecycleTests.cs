using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Tests.Runtime.TestGrains;

namespace FraudActors.Silo.Tests.Runtime;

public sealed class GrainLifecycleTests
{
    [Fact]
    public async Task An_idle_grain_is_deactivated_with_its_state_saved_and_reactivates_with_it()
    {
        await using var silo = new TestSilo(o =>
        {
            o.IdleAge = TimeSpan.FromMinutes(10);
            o.SweepInterval = TimeSpan.FromMinutes(1);
        });
        var card = silo.Factory.GetGrain<ICounterGrain>("card-1");
        await card.AddAsync(41);

        silo.Clock.Advance(TimeSpan.FromMinutes(9));
        silo.Probe.Count("card-1", "deactivate").Should().Be(0, "nine minutes is not idle yet");

        silo.Clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(() => silo.Runtime.LiveActivations == 0, "the idle grain is deactivated");

        silo.Probe.DeactivationReasons.Should().Equal(DeactivationReason.IdleTimeout);
        (await silo.StoredCounterAsync("card-1")).Should().Be(41);

        (await card.AddAsync(1)).Should().Be(42, "the new activation reloaded the saved state");
        silo.Probe.Count("card-1", "activate").Should().Be(2);
    }

    [Fact]
    public async Task A_grain_in_use_is_not_idle_collected()
    {
        await using var silo = new TestSilo();
        var card = silo.Factory.GetGrain<ICounterGrain>("busy-card");
        for (var minute = 0; minute < 30; minute++)
        {
            await card.AddAsync(1);
            silo.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        silo.Runtime.CollectIdleActivations().Should().Be(0);
        silo.Probe.Count("busy-card", "activate").Should().Be(1);
        (await card.GetAsync()).Should().Be(30);
    }

    [Fact]
    public async Task Exceeding_the_activation_cap_deactivates_the_least_recently_used_grain_which_later_comes_back_intact()
    {
        await using var silo = new TestSilo(o => o.MaxActivations = 3);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await silo.Factory.GetGrain<ICounterGrain>(key).AddAsync(key[0]);
            silo.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await silo.Factory.GetGrain<ICounterGrain>("a").AddAsync(0); // "b" is now least recently used
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await silo.Factory.GetGrain<ICounterGrain>("d").AddAsync(1);

        await Eventually.TrueAsync(() => silo.Probe.Count("b", "deactivate") == 1, "the least recently used grain is evicted");
        await Eventually.TrueAsync(() => silo.Runtime.LiveActivations == 3, "the runtime is back at its cap");
        silo.Probe.Count("a", "deactivate").Should().Be(0);
        silo.Probe.Count("c", "deactivate").Should().Be(0);
        silo.Probe.DeactivationReasons.Should().Equal(DeactivationReason.ActivationLimitExceeded);

        (await silo.Factory.GetGrain<ICounterGrain>("b").GetAsync()).Should().Be('b', "state survived the eviction");
        silo.Probe.Count("b", "activate").Should().Be(2);
    }

    [Fact]
    public async Task A_message_sent_while_the_grain_deactivates_waits_and_reaches_the_next_activation()
    {
        await using var silo = new TestSilo();
        var card = silo.Factory.GetGrain<ICounterGrain>("moving");
        await card.AddAsync(10);
        silo.Probe.DeactivationGate = GrainProbe.NewGate();

        await card.DeactivateAsync();
        await Eventually.TrueAsync(() => silo.Probe.Count("moving", "deactivate") == 1, "deactivation started");
        var during = card.AddAsync(5).AsTask();
        during.IsCompleted.Should().BeFalse("the old activation is still saving its state");

        silo.Probe.DeactivationGate.SetResult();
        (await during).Should().Be(15, "the message reached a new activation that reloaded the saved state");
        silo.Probe.Count("moving", "activate").Should().Be(2);
        silo.Probe.DeactivationReasons.Should().Equal(DeactivationReason.ApplicationRequested);
    }

    [Fact]
    public async Task Stopping_the_runtime_saves_the_state_of_every_activation_and_refuses_new_work()
    {
        var silo = new TestSilo();
        for (var i = 0; i < 50; i++)
        {
            await silo.Factory.GetGrain<ICounterGrain>($"card-{i}").AddAsync(i * 3);
        }

        var reference = silo.Factory.GetGrain<ICounterGrain>("card-7");
        await silo.Runtime.StopAsync();

        silo.Runtime.LiveActivations.Should().Be(0);
        silo.Storage.Count.Should().Be(50);
        for (var i = 0; i < 50; i++)
        {
            (await silo.StoredCounterAsync($"card-{i}")).Should().Be(i * 3);
        }

        silo.Probe.DeactivationReasons.Should().HaveCount(50).And.OnlyContain(r => r == DeactivationReason.ShuttingDown);
        var after = async () => await reference.AddAsync(1);
        await after.Should().ThrowAsync<InvalidOperationException>().WithMessage("*stopping*");
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task State_written_by_the_grain_carries_its_stream_position_and_version()
    {
        await using var silo = new TestSilo();
        var card = silo.Factory.GetGrain<ICounterGrain>("stream-card");
        await card.AddAsync(3);
        await card.CheckpointAsync(new StreamPosition(Partition: 2, Offset: 1_234));
        await card.AddAsync(1);
        await card.CheckpointAsync(new StreamPosition(Partition: 2, Offset: 1_235));

        var snapshot = await silo.Storage.ReadAsync(new GrainId("counter", "stream-card"), CancellationToken.None);

        snapshot!.Position.Should().Be(new StreamPosition(2, 1_235));
        snapshot.SchemaVersion.Should().Be(CounterState.SchemaVersion);
        CounterState.ReadFrom(snapshot.Payload.Span, snapshot.SchemaVersion).Value.Should().Be(4);
    }

    [Fact]
    public async Task A_snapshot_of_an_older_schema_version_is_read_by_the_state_type()
    {
        await using var silo = new TestSilo();
        var payload = BitConverter.GetBytes(77); // version 1: a 32-bit little-endian value
        await silo.Storage.WriteAsync(new GrainId("counter", "legacy"), new GrainSnapshot(payload, 1, null, null), CancellationToken.None);

        (await silo.Factory.GetGrain<ICounterGrain>("legacy").AddAsync(1)).Should().Be(78);
    }
}
