using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Grains.Abstractions.Cardholder;

/// <summary>One cardholder (key = card id): its sliding windows, and the decision for each of its transactions.</summary>
public interface ICardholderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies the transaction to the card's windows (once: a repeated transaction id returns the first
    /// outcome and changes nothing), joins the merchant's risk and scores it.
    /// </summary>
    ValueTask<TransactionOutcome> ProcessAsync(CardTransaction transaction);

    /// <summary>
    /// Like <see cref="ProcessAsync(CardTransaction)"/> for a record read from a partitioned stream: the card's state
    /// remembers <paramref name="position"/>, and a record at or before the position its stored state already
    /// reflects is not applied again (it returns <see cref="FeatureOutcome.Duplicate"/>). This is what makes a replay
    /// after a crash or a rebalance count every transaction exactly once.
    /// </summary>
    ValueTask<TransactionOutcome> ProcessAsync(CardTransaction transaction, StreamPosition position);

    /// <summary>Writes the card's state and the stream position it reflects, and returns once they are stored.</summary>
    ValueTask CheckpointAsync();

    /// <summary>The card's live windows, its newest transactions and its latest outcome (the card view).</summary>
    ValueTask<CardSummary> DescribeAsync(int maxRecent);
}
