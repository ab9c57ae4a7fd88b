using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Cardholder;

namespace FraudActors.Grains.Tests.Cardholder;

public sealed class CardBehaviourAllocationTests
{
    [Fact]
    public void Applying_in_steady_state_allocates_nothing()
    {
        var start = new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero);
        var transactions = new CardTransaction[12_000];
        string[] cities = ["Lyon", "Paris", "Berlin"];
        for (var i = 0; i < transactions.Length; i++)
        {
            transactions[i] = new CardTransaction(
                $"tx-{i:D8}-7f3c2a", "card", start.AddSeconds(i * 37), 10m + (i % 90), "EUR", "m",
                MerchantCategories.Names[i % MerchantCategories.Count], (Channel)(i % 2),
                i % 4 == 0 ? null : cities[i % 3], i % 5 == 0 ? null : 45.7 + (i % 7 * 0.3), i % 5 == 0 ? null : 4.8,
                i % 3 == 0 ? null : $"device-{i % 11}");
        }

        var events = transactions.Select(CardEvent.From).ToArray();
        var viaTransactions = new CardBehaviour();
        var viaEvents = new CardBehaviour();
        for (var i = 0; i < 2_000; i++)
        {
            viaTransactions.Apply(transactions[i]);
            viaEvents.Apply(events[i]);
        }

        var checksum = 0f;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 2_000; i < transactions.Length; i++)
        {
            checksum += viaTransactions.Apply(transactions[i]).Features.TxCount1h;
        }

        var afterTransactions = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 2_000; i < events.Length; i++)
        {
            checksum -= viaEvents.Apply(events[i]).Features.TxCount1h;
        }

        var afterEvents = GC.GetAllocatedBytesForCurrentThread();
        (afterTransactions - before).Should().Be(0, "Apply(CardTransaction) hashes strings without allocating");
        (afterEvents - afterTransactions).Should().Be(0, "Apply(in CardEvent) allocates nothing");
        checksum.Should().Be(0, "both paths compute the same features");
        viaEvents.RetainedCount.Should().Be(1024, "one transaction every 37 s fills the cap, so the drop-oldest path runs too");
    }
}
