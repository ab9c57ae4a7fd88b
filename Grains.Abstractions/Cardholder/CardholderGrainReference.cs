using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Grains.Abstractions.Cardholder;

/// <summary>The caller's side of <see cref="ICardholderGrain"/> (what Orleans would generate).</summary>
public sealed class CardholderGrainReference(GrainReference reference) : ICardholderGrain
{
    public ValueTask<TransactionOutcome> ProcessAsync(CardTransaction transaction) =>
        reference.InvokeAsync<ICardholderGrain, CardTransaction, TransactionOutcome>(transaction, static (grain, tx) => grain.ProcessAsync(tx));

    public ValueTask<TransactionOutcome> ProcessAsync(CardTransaction transaction, StreamPosition position) =>
        reference.InvokeAsync<ICardholderGrain, (CardTransaction, StreamPosition), TransactionOutcome>(
            (transaction, position), static (grain, args) => grain.ProcessAsync(args.Item1, args.Item2));

    public ValueTask CheckpointAsync() =>
        reference.InvokeAsync<ICardholderGrain>(static grain => grain.CheckpointAsync());

    public ValueTask<CardSummary> DescribeAsync(int maxRecent) =>
        reference.InvokeAsync<ICardholderGrain, int, CardSummary>(maxRecent, static (grain, max) => grain.DescribeAsync(max));
}
