using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Cardholder;

namespace FraudActors.Grains.Tests.Cardholder;

public sealed class CardWindowViewTests
{
    [Fact]
    public void The_view_shows_what_the_next_transaction_sees_without_itself()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var transactions = RandomCardStream.Generate(new Random(seed), 80, TimeSpan.FromMinutes(5))
                .Select(step => step.Transaction).OfType<CardTransaction>()
                .DistinctBy(tx => tx.TransactionId).OrderBy(tx => tx.Timestamp).ToList();
            var card = new CardBehaviour();
            foreach (var tx in transactions)
            {
                var view = card.Describe(tx.Timestamp, maxRecent: 5);
                var features = card.Apply(tx).Features;
                var amount = (float)tx.Amount;
                view.TxCount10m.Should().Be((int)features.TxCount10m - 1);
                view.TxCount1h.Should().Be((int)features.TxCount1h - 1);
                view.TxCount24h.Should().Be((int)features.TxCount24h - 1);
                view.TxCount7d.Should().Be((int)features.TxCount7d - 1);
                view.TxCount30d.Should().Be((int)features.TxCount30d - 1);
                view.AmountSum10m.Should().BeApproximately(features.AmountSum10m - amount, 1e-3 * (1 + view.AmountSum10m));
                view.AmountSum24h.Should().BeApproximately((features.AmountMean24h * features.TxCount24h) - amount, 1e-3 * (1 + view.AmountSum24h));
                view.Recent.Count.Should().Be(Math.Min(5, view.RetainedCount));
                view.Recent.Should().BeInDescendingOrder(r => r.Timestamp);
            }

            card.Describe(transactions[^1].Timestamp).MerchantCategoriesSeen.Should()
                .BeEquivalentTo(transactions.Select(tx => tx.MerchantCategory).Distinct());
        }
    }
}
