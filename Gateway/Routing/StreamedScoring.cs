using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Routing;

/// <summary>
/// Kafka mode: an HTTP transaction is appended to the transactions topic and answered with the decision the partition
/// pipeline makes for it. It then goes through exactly the path a Kafka producer's transaction takes — checkpointed
/// card state, audit, decisions topic — so a 200 is as durable as a committed stream record, and a crash never loses it.
/// </summary>
internal sealed class StreamedScoring(ITransactionAppender stream, DecisionWaiters waiters, TimeProvider time)
{
    /// <summary>How long a request waits for its decision before it is answered 503.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <returns>The outcome, or null when it did not come in time (or too many requests are waiting).</returns>
    public async Task<TransactionOutcome?> ScoreAsync(CardTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (waiters.Register(transaction.TransactionId) is not { } waiter)
        {
            return null;
        }

        try
        {
            await stream.AppendAsync(transaction, cancellationToken).ConfigureAwait(false);
            return await waiter.Task.WaitAsync(Timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            waiters.Forget(transaction.TransactionId);
        }
    }
}
