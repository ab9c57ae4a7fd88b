using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Cardholder;

namespace FraudActors.Grains.Tests.Cardholder;

/// <summary>Hand-computed examples of the documented definitions (the property tests cover the rest).</summary>
public sealed class CardFeatureDefinitionTests
{
    private static readonly DateTimeOffset Saturday = new(2025, 3, 1, 23, 50, 0, TimeSpan.Zero);

    [Fact]
    public void Local_time_uses_the_solar_zone_of_the_longitude()
    {
        var card = new CardBehaviour();
        card.Apply(Tx("paris", Saturday, lat: 48.85, lon: 2.35)).Features.HourOfDay.Should().Be(23, "round(2.35 / 15) = 0");
        card.Apply(Tx("tokyo", Saturday.AddMinutes(1), lat: 35.68, lon: 139.65)).Features
            .Should().Match<Abstractions.Features.CardFeatures>(f => f.HourOfDay == 8 && f.IsWeekend == 1, "UTC+9: Sunday 08:51");
        var newYork = card.Apply(Tx("nyc", Saturday.AddMinutes(2), lat: 40.71, lon: -74.0)).Features;
        newYork.HourOfDay.Should().Be(18, "round(-74 / 15) = -5");
        card.Apply(Tx("half", Saturday.AddMinutes(3), lat: 0, lon: 7.5)).Features.HourOfDay.Should().Be(0, "7.5 / 15 = 0.5 rounds away from zero");
        card.Apply(Tx("utc", Saturday.AddMinutes(15))).Features.Should().Match<Abstractions.Features.CardFeatures>(
            f => f.HourOfDay == 0 && f.IsWeekend == 1, "no location: UTC Sunday 00:05");
    }

    [Fact]
    public void Equal_timestamps_give_zero_seconds_and_a_floored_speed()
    {
        var card = new CardBehaviour();
        card.Apply(Tx("a", Saturday, lat: 48.8566, lon: 2.3522));
        var same = card.Apply(Tx("b", Saturday, lat: 45.7640, lon: 4.8357)).Features;
        same.SecondsSincePrevious.Should().Be(0);
        same.SpeedKmh.Should().BeApproximately(391.5f * 3600, 0.5f * 3600, "≈391.5 km Paris–Lyon over the 1 s floor");
    }

    [Fact]
    public void A_late_arrival_is_counted_as_of_its_own_time_and_a_too_late_one_at_the_watermark()
    {
        var card = new CardBehaviour(); // 5 minutes allowed lateness
        card.Apply(Tx("a", Saturday));
        card.Apply(Tx("b", Saturday.AddMinutes(8)));
        card.Apply(Tx("c", Saturday.AddMinutes(20)));

        var late = card.Apply(Tx("late", Saturday.AddMinutes(16)));
        late.Outcome.Should().Be(ApplyOutcome.Applied);
        late.Features.TxCount10m.Should().Be(2, "b at 23:58 and itself; c at 00:10 is later");
        late.Features.SecondsSincePrevious.Should().Be(8 * 60);
        late.Features.TxCount7d.Should().Be(3, "a and b on Saturday and itself; c is later on the same day");

        var tooLate = card.Apply(Tx("too-late", Saturday.AddMinutes(1)));
        tooLate.Outcome.Should().Be(ApplyOutcome.TooLate);
        tooLate.Features.TxCount10m.Should().Be(2, "scored at the watermark 00:05: b at 23:58 and itself");
        tooLate.Features.SecondsSincePrevious.Should().Be(7 * 60, "from b to the watermark");
        tooLate.Features.HourOfDay.Should().Be(23, "calendar features keep the real timestamp");
        card.AppliedCount.Should().Be(4, "too-late transactions are not applied");
    }

    [Fact]
    public void Duplicates_are_flagged_and_change_nothing()
    {
        var card = new CardBehaviour();
        card.Apply(Tx("a", Saturday)).Outcome.Should().Be(ApplyOutcome.Applied);
        card.Apply(Tx("a", Saturday.AddMinutes(1))).Outcome.Should().Be(ApplyOutcome.Duplicate);
        card.AppliedCount.Should().Be(1);
        card.Apply(Tx("b", Saturday.AddMinutes(2))).Features.TxCount10m.Should().Be(2);
    }

    private static CardTransaction Tx(string id, DateTimeOffset time, double? lat = null, double? lon = null) =>
        new(id, "card", time, 20m, "EUR", "m", "grocery", Channel.Online, null, lat, lon, null);
}
