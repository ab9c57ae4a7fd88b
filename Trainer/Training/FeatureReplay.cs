using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Cardholder;
using FraudActors.Grains.Features;
using FraudActors.Grains.Merchant;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Training;

/// <summary>
/// Builds training rows by replaying history in event-time order through the same per-card and per-merchant
/// state the silo's grains use, so a feature means the same thing in training and in serving. A fraud label
/// reaches its merchant only at transaction time + the label delay, as feedback would in production.
/// </summary>
internal static class FeatureReplay
{
    public static FeatureTable Build(IReadOnlyList<SimulatedTransaction> history, int labelDelayDays, CardBehaviourOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var table = new FeatureTable(FeatureSchema.CardBehaviour, history.Count);
        var cards = new Dictionary<string, (CardBehaviour Behaviour, int Index)>(StringComparer.Ordinal);
        var merchants = new Dictionary<string, MerchantRiskState>(StringComparer.Ordinal);
        var labels = new PriorityQueue<PendingLabel, long>();
        var delay = TimeSpan.FromDays(labelDelayDays);
        var previousTicks = long.MinValue;

        foreach (var row in history)
        {
            if ((table.Rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var transaction = row.Transaction;
            var ticks = transaction.Timestamp.UtcTicks;
            if (ticks < previousTicks)
            {
                throw new ArgumentException("History must be in event-time order; sort it before replaying.", nameof(history));
            }

            previousTicks = ticks;
            while (labels.TryPeek(out var label, out var knownAt) && knownAt <= ticks)
            {
                labels.Dequeue();
                label.Merchant.RecordFraudLabel(label.TransactionHash, label.TransactionTime);
            }

            if (!cards.TryGetValue(transaction.CardId, out var card))
            {
                card = (new CardBehaviour(options), table.AddCard(transaction.CardId));
                cards.Add(transaction.CardId, card);
            }

            var applied = card.Behaviour.Apply(transaction);
            if (applied.Outcome == ApplyOutcome.Duplicate)
            {
                continue;
            }

            if (!merchants.TryGetValue(transaction.MerchantId, out var merchant))
            {
                merchant = new MerchantRiskState(labelDelayDays);
                merchants.Add(transaction.MerchantId, merchant);
            }

            var merchantFeatures = merchant.FeaturesAt(transaction.Timestamp);
            merchant.RecordTransaction(transaction.Timestamp);
            ModelInput.Write(applied.Features, merchantFeatures, table.AddRow(row.IsFraud, transaction.Timestamp, card.Index));

            if (row.IsFraud)
            {
                var hash = StableHash.Of(transaction.TransactionId);
                labels.Enqueue(new PendingLabel(merchant, hash, transaction.Timestamp), (transaction.Timestamp + delay).UtcTicks);
            }
        }

        return table;
    }

    private readonly record struct PendingLabel(MerchantRiskState Merchant, ulong TransactionHash, DateTimeOffset TransactionTime);
}
