using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Silo.Streaming;

/// <summary>Where producers in this process (the demo's generator) append transactions: the in-memory stream or Kafka.</summary>
internal interface ITransactionAppender
{
    /// <summary>Appends to the card's partition; waits (never drops) while the stream has no room.</summary>
    ValueTask AppendAsync(CardTransaction transaction, CancellationToken cancellationToken);
}
