using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Ingestion;

/// <summary>
/// Feeds one partition's records, in offset order, to their cardholder grains with a bounded window of calls
/// in flight, and hands each outcome to the sinks in offset order. <see cref="CompletedOffset"/> is the
/// highest offset below which every record is done. With <c>trackPositions</c> (a replayable stream such as Kafka)
/// each grain call carries the record's position, and the pipeline remembers which cards changed since the last
/// <see cref="TakeChangedCards"/>, so a checkpoint writes exactly those cards' state before their offsets are committed.
/// </summary>
internal sealed class PartitionPipeline(
    int partition,
    IGrainFactory grains,
    IReadOnlyList<IDecisionSink> sinks,
    int maxInFlight,
    IngestionMetrics metrics,
    Action<IngestionException> failed,
    bool trackPositions = false)
{
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly Queue<(StreamRecord Record, Task<TransactionOutcome> Outcome)> _inFlight = new(maxInFlight);
    private long _completedOffset = -1;

    public int Partition => partition;

    /// <summary>Every record at or below this offset has been processed and published.</summary>
    public long CompletedOffset => Volatile.Read(ref _completedOffset);

    public async Task RunAsync(IAsyncEnumerable<StreamRecord> records, CancellationToken cancellationToken)
    {
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await AcceptAsync(record).ConfigureAwait(false);
        }

        await DrainAsync().ConfigureAwait(false);
    }

    /// <summary>Processes one record; completes synchronously when the grain answers synchronously and the window is empty.</summary>
    public ValueTask AcceptAsync(in StreamRecord record)
    {
        var grain = grains.GetGrain<ICardholderGrain>(record.Transaction.CardId);
        ValueTask<TransactionOutcome> pending;
        if (trackPositions)
        {
            _changed.Add(record.Transaction.CardId);
            pending = grain.ProcessAsync(record.Transaction, new StreamPosition(partition, record.Offset));
        }
        else
        {
            pending = grain.ProcessAsync(record.Transaction);
        }

        if (pending.IsCompletedSuccessfully && _inFlight.Count == 0)
        {
            Publish(record, pending.Result);
            return ValueTask.CompletedTask;
        }

        _inFlight.Enqueue((record, pending.AsTask()));
        return _inFlight.Count >= maxInFlight || _inFlight.Peek().Outcome.IsCompleted ? CompleteHeadAsync() : ValueTask.CompletedTask;
    }

    /// <summary>The cards fed since the previous call (only with position tracking); the caller owns the returned set.</summary>
    public List<string> TakeChangedCards()
    {
        var cards = new List<string>(_changed);
        _changed.Clear();
        return cards;
    }

    /// <summary>Gives back cards whose checkpoint failed, so the next checkpoint writes them again.</summary>
    public void ReturnChangedCards(IEnumerable<string> cards) => _changed.UnionWith(cards);

    /// <summary>Waits for every call in flight (revoke, shutdown).</summary>
    public async Task DrainAsync()
    {
        while (_inFlight.Count > 0)
        {
            await CompleteHeadAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask CompleteHeadAsync()
    {
        // Publish in offset order: wait for the oldest, then take every finished call behind it.
        do
        {
            var (record, outcome) = _inFlight.Dequeue();
            try
            {
                Publish(record, await outcome.ConfigureAwait(false));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A grain failure fails that record only (logged and counted); the partition goes on.
                metrics.Failed(partition);
                Volatile.Write(ref _completedOffset, record.Offset);
                failed(new IngestionException(record, exception));
            }
        }
        while (_inFlight.Count > 0 && (_inFlight.Count >= maxInFlight || _inFlight.Peek().Outcome.IsCompleted));
    }

    private void Publish(in StreamRecord record, TransactionOutcome outcome)
    {
        foreach (var sink in sinks)
        {
            sink.Accept(record, outcome);
        }

        Volatile.Write(ref _completedOffset, record.Offset);
        metrics.Processed(record);
    }
}
