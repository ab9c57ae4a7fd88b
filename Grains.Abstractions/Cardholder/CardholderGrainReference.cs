using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Grains.Abstractions.Cardholder;

/// <summary>The caller's side of <see cref="ICardholderGrain"/> (what Orleans would generate).</summary>
public sealed class CardholderGrainReference(GrainReference reference) : ICardholderGrain
{
    public ValueTask<TransactionOutcome> ProcessAsync(CardTransaction transaction) =>
        reference.InvokeAsync<ICardholderGrain, CardTransaction, TransactionOutcome>(transaction, static (grain, tx) => grain.ProcessAsync(tx));
}
