using System.Collections.Concurrent;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Routing;

/// <summary>
/// HTTP requests waiting for the decision of a transaction they put on the stream (Kafka mode): the partition
/// pipeline publishes every outcome here too, and a waiter for that transaction id gets it. Bounded: beyond
/// <see cref="Capacity"/> waiters a request is refused instead of queued.
/// </summary>
internal sealed class DecisionWaiters : IDecisionSink
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, TaskCompletionSource<TransactionOutcome>> _waiting = new(StringComparer.Ordinal);

    public int Waiting => _waiting.Count;

    /// <summary>Registers a waiter; null when full or when the same transaction id is already awaited.</summary>
    public TaskCompletionSource<TransactionOutcome>? Register(string transactionId)
    {
        if (_waiting.Count >= Capacity)
        {
            return null;
        }

        var waiter = new TaskCompletionSource<TransactionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _waiting.TryAdd(transactionId, waiter) ? waiter : null;
    }

    public void Forget(string transactionId) => _waiting.TryRemove(transactionId, out _);

    public void Accept(in StreamRecord record, TransactionOutcome outcome)
    {
        if (!_waiting.IsEmpty && _waiting.TryRemove(outcome.TransactionId, out var waiter))
        {
            waiter.TrySetResult(outcome);
        }
    }
}
