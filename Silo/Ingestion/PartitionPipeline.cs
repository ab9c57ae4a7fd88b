using System.Diagnostics;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Audit;
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
    // Each record is the root of its transaction's trace (source "FraudActors", shared with the grains and the gateway).
    private static readonly ActivitySource Tracing = new("FraudActors");
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly Queue<(StreamRecord Record, Task<TransactionOutcome> Outcome, Activity? Span)> _inFlight = new(maxInFlight);
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
        Activity? span = null, outer = null;
        if (Tracing.HasListeners())
        {
            outer = Activity.Current;
            span = StartSpan(record);
        }

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

        if (span is not null)
        {
            // The call has captured its context; the loop goes on outside this record's span.
            Activity.Current = outer;
        }

        if (pending.IsCompletedSuccessfully && _inFlight.Count == 0)
        {
            Publish(record, pending.Result, span);
            return ValueTask.CompletedTask;
        }

        _inFlight.Enqueue((record, pending.AsTask(), span));
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
            var (record, outcome, span) = _inFlight.Dequeue();
            try
            {
                Publish(record, await outcome.ConfigureAwait(false), span);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                span?.Dispose();
                // A grain failure fails that record only (logged and counted); the partition goes on.
                metrics.Failed(partition);
                Volatile.Write(ref _completedOffset, record.Offset);
                failed(new IngestionException(record, exception));
            }
        }
        while (_inFlight.Count > 0 && (_inFlight.Count >= maxInFlight || _inFlight.Peek().Outcome.IsCompleted));
    }

    private void Publish(in StreamRecord record, TransactionOutcome outcome, Activity? span)
    {
        var outer = span is null ? null : Activity.Current;
        if (span is not null)
        {
            // The sinks (audit enqueue) run inside the record's span.
            Activity.Current = span;
        }

        foreach (var sink in sinks)
        {
            sink.Accept(record, outcome);
        }

        Volatile.Write(ref _completedOffset, record.Offset);
        metrics.Processed(record);
        if (span is not null)
        {
            if (outcome.Score is { } score)
            {
                span.SetTag("decision", DecisionNames.Of(score.Decision)).SetTag("model.version", score.ModelVersion);
            }

            span.Dispose();
            Activity.Current = outer;
        }
    }

    private Activity? StartSpan(in StreamRecord record)
    {
        // A record has no parent here (no trace context travels with it yet), whatever the loop's thread was doing before.
        Activity.Current = null;
        var span = Tracing.StartActivity("ingest transaction", ActivityKind.Consumer);
        span?.SetTag("transaction.id", record.Transaction.TransactionId)
            .SetTag("card.id", record.Transaction.CardId)
            .SetTag("stream.partition", partition)
            .SetTag("stream.offset", record.Offset);
        return span;
    }
}
