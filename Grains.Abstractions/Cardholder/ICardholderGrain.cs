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
}
