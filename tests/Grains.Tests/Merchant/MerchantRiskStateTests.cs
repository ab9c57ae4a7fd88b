using FraudActors.Grains.Merchant;

namespace FraudActors.Grains.Tests.Merchant;

public sealed class MerchantRiskStateTests
{
    private static readonly DateTimeOffset Start = new(2018, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Features_equal_a_brute_force_count_over_the_delayed_windows(int delay)
    {
        var random = new Random(42 + delay);
        for (var trial = 0; trial < 60; trial++)
        {
            var state = new MerchantRiskState(delay);
            var history = new List<(ulong Id, DateTimeOffset Time)>();
            var frauds = new HashSet<ulong>();
            var clock = Start;
            for (var step = 0; step < 400; step++)
            {
                clock += TimeSpan.FromMinutes(random.Next(1, 600));
                // Up to two days late, well inside the retained horizon.
                var time = clock - TimeSpan.FromMinutes(random.Next(0, 2 * 24 * 60));
                var id = (ulong)random.NextInt64();
                state.RecordTransaction(time);
                history.Add((id, time));

                if (random.NextDouble() < 0.15)
                {
                    // Labels arrive for recent transactions (inside the retained horizon).
                    var (labelId, labelTime) = history[random.Next(Math.Max(0, history.Count - 40), history.Count)];
                    var counted = state.RecordFraudLabel(labelId, labelTime);
                    counted.Should().Be(frauds.Add(labelId), "a repeated label counts once");
                }

                var at = clock + TimeSpan.FromHours(random.Next(0, 30));
                var actual = state.FeaturesAt(at);
                var expected = Reference(history, frauds, at, delay);
                actual.Should().Be(expected, $"trial {trial}, step {step}");
            }
        }
    }

    [Fact]
    public void A_fraud_is_invisible_until_the_label_delay_has_passed()
    {
        var state = new MerchantRiskState(labelDelayDays: 7);
        var day0 = Start.AddHours(10);
        state.RecordTransaction(day0);
        state.RecordFraudLabel(1, day0);

        state.FeaturesAt(day0.AddDays(7)).Risk30d.Should().Be(0f, "day 0 is still inside the delay on day 7");
        state.FeaturesAt(day0.AddDays(8)).Risk1d.Should().Be(1f);
        state.FeaturesAt(day0.AddDays(8)).TxCount1d.Should().Be(1f);
        state.FeaturesAt(day0.AddDays(37)).TxCount30d.Should().Be(1f, "day 0 is the oldest day of the 30-day window on day 37");
        state.FeaturesAt(day0.AddDays(38)).TxCount30d.Should().Be(0f);
    }

    [Fact]
    public void Eviction_forgets_old_fraud_ids_but_keeps_recent_ones()
    {
        var state = new MerchantRiskState(labelDelayDays: 7);
        state.RecordTransaction(Start);
        state.RecordFraudLabel(1, Start).Should().BeTrue();
        state.Evict(Start.AddDays(10));
        state.RecordFraudLabel(1, Start).Should().BeFalse("the id is still remembered inside the horizon");
        state.Evict(Start.AddDays(60));
        state.FeaturesAt(Start.AddDays(60)).TxCount30d.Should().Be(0);
    }

    [Fact]
    public void A_snapshot_restores_identical_features_and_remembers_labels()
    {
        var random = new Random(9);
        var state = new MerchantRiskState(labelDelayDays: 7);
        var clock = Start;
        for (var i = 0; i < 500; i++)
        {
            clock += TimeSpan.FromMinutes(random.Next(1, 300));
            state.RecordTransaction(clock);
            if (i % 7 == 0)
            {
                state.RecordFraudLabel((ulong)i, clock);
            }
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        state.WriteTo(buffer);
        var restored = MerchantRiskState.ReadFrom(buffer.WrittenSpan, MerchantRiskState.SchemaVersion);

        for (var day = 0; day < 40; day++)
        {
            restored.FeaturesAt(clock.AddDays(day)).Should().Be(state.FeaturesAt(clock.AddDays(day)));
        }

        restored.RecordFraudLabel(490, clock).Should().Be(state.RecordFraudLabel(490, clock));
        restored.RecordFraudLabel(497, clock).Should().BeFalse("label 497 was recorded before the snapshot");
    }

    private static Abstractions.Features.MerchantFeatures Reference(
        List<(ulong Id, DateTimeOffset Time)> history, HashSet<ulong> frauds, DateTimeOffset at, int delay)
    {
        var end = DateOnly.FromDateTime(at.UtcDateTime).AddDays(-delay);
        (float Count, float Risk) Window(int days)
        {
            var from = end.AddDays(-days);
            var inWindow = history.Where(h =>
            {
                var day = DateOnly.FromDateTime(h.Time.UtcDateTime);
                return day >= from && day < end;
            }).ToList();
            var fraudCount = inWindow.Count(h => frauds.Contains(h.Id));
            return (inWindow.Count, inWindow.Count == 0 ? 0f : (float)fraudCount / inWindow.Count);
        }

        var w1 = Window(1);
        var w7 = Window(7);
        var w30 = Window(30);
        return new Abstractions.Features.MerchantFeatures
        {
            TxCount1d = w1.Count, TxCount7d = w7.Count, TxCount30d = w30.Count,
            Risk1d = w1.Risk, Risk7d = w7.Risk, Risk30d = w30.Risk,
        };
    }
}
