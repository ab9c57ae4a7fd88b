using FraudActors.Grains.Abstractions.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Audit;

/// <summary>
/// Drains <see cref="AuditSink"/>'s buffer into the store in batches (up to <see cref="AuditOptions.BatchSize"/>
/// rows, or what arrived within <see cref="AuditOptions.FlushInterval"/>). When the store is unreachable it keeps
/// the batch, retries with doubling backoff, and moves the buffer to the spill file before it fills; once the
/// store answers, spilled rows are replayed before new ones. Writes are idempotent, so a retried batch or a
/// segment replayed twice never duplicates a row. On shutdown it writes what it can within
/// <see cref="AuditOptions.ShutdownTimeout"/> and spills the rest for the next start.
/// </summary>
internal sealed partial class AuditWriter(AuditSink sink, IAuditStore store, TimeProvider time, ILogger<AuditWriter> logger) : BackgroundService
{
    private readonly AuditOptions _options = sink.Options;
    private bool _down;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first: the host's start must not wait for the first batch.
        await Task.Yield();
        var batch = new List<AuditedDecision>(_options.BatchSize);
        try
        {
            while (true)
            {
                if (sink.Spill.HasPending)
                {
                    await ReplaySpillAsync(stoppingToken).ConfigureAwait(false);
                }

                if (!await FillAsync(batch, stoppingToken).ConfigureAwait(false))
                {
                    break;
                }

                if (batch.Count > 0)
                {
                    await WriteLiveAsync(batch, stoppingToken).ConfigureAwait(false);
                    batch.Clear();
                }

                sink.Spill.Sync();
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a write cut short by cancellation leaves its batch in hand, and shutdown finishes it.
        }

        await ShutdownAsync(batch).ConfigureAwait(false);
    }

    /// <summary>Collects up to a batch; false when the buffer was closed and is empty.</summary>
    private async ValueTask<bool> FillAsync(List<AuditedDecision> batch, CancellationToken stoppingToken)
    {
        var reader = sink.Reader;
        var started = 0L;
        while (true)
        {
            while (batch.Count < _options.BatchSize && reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            if (batch.Count >= _options.BatchSize)
            {
                return true;
            }

            if (batch.Count == 0)
            {
                if (sink.Spill.HasPending)
                {
                    return true;
                }

                if (!await WaitForRowsAsync(reader, _options.FlushInterval, stoppingToken).ConfigureAwait(false))
                {
                    // Nothing arrived for a while: make rows spilled from the ingestion path durable, then wait again.
                    if (reader.Completion.IsCompleted)
                    {
                        return false;
                    }

                    sink.Spill.Sync();
                    continue;
                }

                started = time.GetTimestamp();
                continue;
            }

            var remaining = _options.FlushInterval - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero || !await WaitForRowsAsync(reader, remaining, stoppingToken).ConfigureAwait(false))
            {
                return true;
            }
        }
    }

    /// <summary>True when a row is ready; false after <paramref name="timeout"/> or when the buffer is closed.</summary>
    private async ValueTask<bool> WaitForRowsAsync(System.Threading.Channels.ChannelReader<AuditedDecision> reader, TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            return await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Writes a batch from the buffer; during an outage it may hand the batch to the spill file instead.</summary>
    private Task WriteLiveAsync(List<AuditedDecision> batch, CancellationToken stoppingToken) =>
        WriteWithRetryAsync(batch, spillable: true, stoppingToken);

    private async Task ReplaySpillAsync(CancellationToken stoppingToken)
    {
        foreach (var segment in sink.Spill.SealForReplay())
        {
            var rows = 0;
            foreach (var batch in SpillFile.Read(segment, _options.BatchSize))
            {
                await WriteWithRetryAsync(batch, spillable: false, stoppingToken).ConfigureAwait(false);
                rows += batch.Count;
            }

            sink.Spill.Delete(segment);
            LogReplayed(logger, rows, segment);
        }
    }

    /// <summary>
    /// Writes until the store accepts the batch. Once the buffer is three quarters full it moves to the spill
    /// file, and a spillable batch with it (the replay then retries it). A batch the store refuses as
    /// invalid is kept in a rejected file so the log does not stall behind it.
    /// </summary>
    private async Task WriteWithRetryAsync(List<AuditedDecision> batch, bool spillable, CancellationToken stoppingToken)
    {
        var delay = _options.ReconnectMinDelay;
        var highWater = _options.BufferCapacity - (_options.BufferCapacity / 4);
        while (true)
        {
            try
            {
                await store.WriteAsync(batch, stoppingToken).ConfigureAwait(false);
                sink.CountWritten(batch.Count);
                if (_down)
                {
                    _down = false;
                    LogRecovered(logger);
                }

                return;
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested && store.IsTransient(failure))
            {
                if (!_down)
                {
                    _down = true;
                    LogDown(logger, failure.Message, sink.Buffered);
                }
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                var path = sink.Spill.WriteRejected(batch);
                sink.CountRejected(batch.Count);
                LogRejected(logger, batch.Count, path, failure);
                batch.Clear();
                return;
            }

            var waited = TimeSpan.Zero;
            while (waited < delay)
            {
                if (sink.Buffered >= highWater)
                {
                    if (spillable)
                    {
                        SpillBuffer(batch);
                        return;
                    }

                    // A replayed batch is on disk already; only the buffer moves there.
                    SpillBuffer([]);
                }

                // Rows the ingestion path spilled while the buffer was full reach the disk at least every flush interval.
                sink.Spill.Sync();

                var step = delay - waited < _options.FlushInterval ? delay - waited : _options.FlushInterval;
                await Task.Delay(step, time, stoppingToken).ConfigureAwait(false);
                waited += step;
            }

            delay = delay * 2 < _options.ReconnectMaxDelay ? delay * 2 : _options.ReconnectMaxDelay;
        }
    }

    /// <summary>Moves the batch in hand and everything buffered to the spill file (fsync'd).</summary>
    private void SpillBuffer(List<AuditedDecision> batch)
    {
        var reader = sink.Reader;
        var total = 0;
        while (true)
        {
            while (batch.Count < _options.BatchSize && reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            if (batch.Count == 0)
            {
                break;
            }

            sink.Spill.AppendDurably(batch);
            sink.CountSpilled(batch.Count);
            total += batch.Count;
            batch.Clear();
        }

        if (total > 0)
        {
            LogSpilled(logger, total, sink.Spill.Directory);
        }
    }

    private async Task ShutdownAsync(List<AuditedDecision> batch)
    {
        // From here on the ingestion path spills directly; whatever is buffered is ours to finish.
        sink.Close();
        using var deadline = new CancellationTokenSource(_options.ShutdownTimeout, time);
        var reader = sink.Reader;
        try
        {
            while (true)
            {
                while (batch.Count < _options.BatchSize && reader.TryRead(out var row))
                {
                    batch.Add(row);
                }

                if (batch.Count == 0)
                {
                    break;
                }

                if (_down)
                {
                    break;
                }

                await store.WriteAsync(batch, deadline.Token).ConfigureAwait(false);
                sink.CountWritten(batch.Count);
                batch.Clear();
            }
        }
        catch (Exception failure)
        {
            LogShutdownWriteFailed(logger, failure.Message);
        }

        SpillBuffer(batch);
        sink.Spill.Sync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit store unavailable ({Reason}); {Buffered} rows buffered, retrying with backoff")]
    private static partial void LogDown(ILogger logger, string reason, int buffered);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit store reachable again")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spilled {Rows} audit rows to {Directory}")]
    private static partial void LogSpilled(ILogger logger, int rows, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Rows} spilled audit rows from {Segment}")]
    private static partial void LogReplayed(ILogger logger, int rows, string segment);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit store refused {Rows} rows; kept in {Path}")]
    private static partial void LogRejected(ILogger logger, int rows, string path, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit rows could not be written at shutdown ({Reason}); spilling them")]
    private static partial void LogShutdownWriteFailed(ILogger logger, string reason);
}
