using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Cardholder;

namespace FraudActors.Grains.Tests.Cardholder;

public sealed class CardBehaviourEvictionTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evicting_between_in_order_transactions_does_not_change_their_features()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var transactions = RandomCardStream.Generate(random, 120, TimeSpan.FromMinutes(5))
                .Select(step => step.Transaction)
                .OfType<CardTransaction>()
                .DistinctBy(tx => tx.TransactionId)
                .OrderBy(tx => tx.Timestamp)
                .ToList();
            var plain = new CardBehaviour();
            var evicted = new CardBehaviour();
            for (var i = 0; i < transactions.Count; i++)
            {
                var expected = plain.Apply(transactions[i]);
                var actual = evicted.Apply(transactions[i]);
                actual.Should().Be(expected, $"seed {seed}, transaction {i}");
                if (i + 1 < transactions.Count)
                {
                    // Any clock up to the next event time keeps that event in time.
                    var gap = transactions[i + 1].Timestamp - transactions[i].Timestamp;
                    evicted.Evict(transactions[i].Timestamp + (gap * random.NextDouble()));
                }
            }
        }
    }

    [Fact]
    public void A_quiet_card_releases_its_window_memory()
    {
        var card = new CardBehaviour();
        for (var i = 0; i < 300; i++)
        {
            card.Apply(Transaction($"t{i}", Start.AddMinutes(i)));
        }

        card.RetainedCount.Should().Be(300);
        card.RetainedCapacity.Should().BeGreaterThanOrEqualTo(300);

        card.Evict(Start.AddHours(24)).Should().Be(0, "everything is still inside 24 h + lateness");
        card.Evict(Start.AddHours(28)).Should().Be(236);
        card.RetainedCapacity.Should().BeLessThan(512, "a mostly empty ring shrinks");
        card.Evict(Start.AddDays(3)).Should().BeGreaterThan(0);
        card.RetainedCount.Should().Be(0);
        card.RetainedCapacity.Should().Be(0);

        // Long-lived history survives in the day totals and running statistics.
        var next = card.Apply(Transaction("later", Start.AddDays(3).AddMinutes(1)));
        next.Outcome.Should().Be(ApplyOutcome.Applied);
        next.Features.TxCount24h.Should().Be(1);
        next.Features.TxCount7d.Should().Be(301);
        next.Features.SecondsSincePrevious.Should().BeApproximately((float)(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(299) + TimeSpan.FromMinutes(1)).TotalSeconds, 1f);
        next.Features.NewMerchantCategory.Should().Be(0);
    }

    [Fact]
    public void A_card_above_the_cap_keeps_only_the_newest_transactions()
    {
        var card = new CardBehaviour(new CardBehaviourOptions { MaxRetainedTransactions = 64 });
        ApplyResult last = default;
        for (var i = 0; i < 5_000; i++)
        {
            last = card.Apply(Transaction($"t{i}", Start.AddSeconds(i)));
            last.Outcome.Should().Be(ApplyOutcome.Applied);
        }

        card.RetainedCount.Should().Be(64);
        card.RetainedCapacity.Should().Be(64);
        last.Features.TxCount24h.Should().Be(65, "the cap bounds the exact windows (documented undercount)");
        last.Features.TxCount7d.Should().Be(5_000, "day totals are not capped");
        last.Features.SecondsSincePrevious.Should().Be(1);
    }

    [Fact]
    public void Options_out_of_range_are_rejected_with_the_setting_named()
    {
        FluentActions.Invoking(() => new CardBehaviour(new CardBehaviourOptions { AllowedLateness = TimeSpan.FromDays(2) }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*AllowedLateness*");
        FluentActions.Invoking(() => new CardBehaviour(new CardBehaviourOptions { MaxRetainedTransactions = 1 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxRetainedTransactions*");
    }

    private static CardTransaction Transaction(string id, DateTimeOffset time) =>
        new(id, "card", time, 12.5m, "EUR", "m", "grocery", Channel.CardPresent, "Lyon", 45.76, 4.83, "phone");
}
