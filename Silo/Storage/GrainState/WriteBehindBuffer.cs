using System.Diagnostics.CodeAnalysis;
using FraudActors.Grains.Abstractions.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudActors.Silo.Storage.GrainState;

/// <summary>
/// Write-behind with group commit, shared by the PostgreSQL and SQLite grain stores. Snapshots wait in a bounded
/// buffer keyed by grain (a newer snapshot of a grain replaces its unflushed one); a background loop hands them
/// to the store's flush in batches (one round trip, one transaction) when a batch is full, when someone waits
/// for a flush, or <see cref="GrainStateStoreOptions.FlushInterval"/> after the batch's first write.
/// </summary>
/// <remarks>
/// <para>Durability: <see cref="WriteAsync"/> completes only when its batch is committed, so a caller that awaits
/// it (deactivation, shutdown) knows the snapshot is stored, while concurrent writers share the round trip.
/// <see cref="AcceptAsync"/> returns as soon as the snapshot is buffered, with the durability as a task.</para>
/// <para>ETags are checked twice: here against the grain's buffered write (so a writer may chain onto its own
/// unflushed version), and by the store's flush against the stored record.</para>
/// <para>Bounded: at most <see cref="GrainStateStoreOptions.MaxPending"/> snapshots are buffered or in flight;
/// beyond that a writer waits for a flush. <see cref="DisposeAsync"/> flushes everything before it returns.</para>
/// </remarks>
internal sealed class WriteBehindBuffer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, PendingWrite> _pending = [];
    private readonly Queue<PendingWrite> _order = new();
    private readonly Dictionary<GrainId, PendingWrite> _inFlight = [];
    private readonly SemaphoreSlim _slots;
    private readonly Func<IReadOnlyList<PendingWrite>, Task> _flush;
    private readonly TimeSpan _flushInterval;
    private readonly int _maxBatch;
    private readonly int _flushAt;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private TaskCompletionSource _wake = NewSignal();
    private int _flushRequests;
    private bool _stopping;
    private long _flushes;
    private long _flushedWrites;
    private long _coalescedWrites;
    private long _failedFlushes;

    /// <param name="flush">
    /// Writes a batch atomically: each write whose stored version equals <see cref="PendingWrite.ExpectedETag"/>
    /// is stored, each other one is <see cref="PendingWrite.Reject">rejected</see>. Throwing fails the whole batch.
    /// Called by one loop, never concurrently.
    /// </param>
    public WriteBehindBuffer(
        Func<IReadOnlyList<PendingWrite>, Task> flush,
        GrainStateStoreOptions options,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(flush);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _flush = flush;
        _flushInterval = options.FlushInterval;
        _maxBatch = options.MaxBatch;
        _flushAt = Math.Min(options.MaxBatch, options.MaxPending);
        _slots = new SemaphoreSlim(options.MaxPending, options.MaxPending);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _loop = Task.Run(RunAsync);
    }

    public WriteBehindStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new WriteBehindStatistics(_flushes, _flushedWrites, _coalescedWrites, _failedFlushes, _pending.Count + _inFlight.Count);
            }
        }
    }

    /// <summary>Buffers the snapshot and waits until it is committed; returns its ETag.</summary>
    /// <exception cref="InconsistentStateException">The ETag is not the grain's newest version.</exception>
    /// <remarks>Cancelling after the snapshot was buffered stops the wait, not the write.</remarks>
    public async ValueTask<string> WriteAsync(GrainId grainId, GrainSnapshot snapshot, CancellationToken cancellationToken)
    {
        var accepted = await AcceptAsync(grainId, snapshot, cancellationToken).ConfigureAwait(false);
        await accepted.Durable.WaitAsync(cancellationToken).ConfigureAwait(false);
        return accepted.ETag;
    }

    /// <summary>Buffers the snapshot (waiting only while the buffer is full) and returns its ETag and durability.</summary>
    /// <exception cref="InconsistentStateException">The grain has a buffered write and the ETag is not its version.</exception>
    public ValueTask<AcceptedWrite> AcceptAsync(GrainId grainId, GrainSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        cancellationToken.ThrowIfCancellationRequested();

        // Copied before the lock: the caller's buffer is only lent for the duration of the call.
        var payload = snapshot.Payload.ToArray();
        return TryAccept(grainId, snapshot, payload, slotTaken: false, out var accepted)
            ? ValueTask.FromResult(accepted)
            : AcceptWhenRoomAsync(grainId, snapshot, payload, cancellationToken);
    }

    /// <summary>The grain's newest buffered snapshot, not yet committed (read-your-writes).</summary>
    public bool TryGetBuffered(GrainId grainId, [NotNullWhen(true)] out GrainSnapshot? snapshot)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(grainId, out var write) || _inFlight.TryGetValue(grainId, out write))
            {
                snapshot = write.ToSnapshot();
                return true;
            }
        }

        snapshot = null;
        return false;
    }

    /// <summary>
    /// Before a clear: checks that <paramref name="etag"/> is the grain's newest buffered version, if it has one,
    /// and waits until that version is committed, so the store's record then carries <paramref name="etag"/>.
    /// </summary>
    /// <exception cref="InconsistentStateException">The ETag is not the buffered version, or that write was rejected.</exception>
    public async ValueTask SettleAsync(GrainId grainId, string? etag, CancellationToken cancellationToken)
    {
        Task durable;
        lock (_gate)
        {
            if (!_pending.TryGetValue(grainId, out var newest) && !_inFlight.TryGetValue(grainId, out newest))
            {
                return;
            }

            ThrowIfStale(grainId, etag, newest);
            durable = newest.Durable.Task;
            _flushRequests++;
            _wake.TrySetResult();
        }

        try
        {
            await durable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _flushRequests--;
            }
        }
    }

    /// <summary>Flushes now everything buffered so far and waits for it; failures stay with their writers.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Task[] writes;
        lock (_gate)
        {
            if (_pending.Count + _inFlight.Count == 0)
            {
                return;
            }

            writes = new Task[_pending.Count + _inFlight.Count];
            var i = 0;
            foreach (var write in _pending.Values)
            {
                writes[i++] = write.Durable.Task;
            }

            foreach (var write in _inFlight.Values)
            {
                writes[i++] = write.Durable.Task;
            }

            _flushRequests++;
            _wake.TrySetResult();
        }

        try
        {
            await Task.WhenAll(writes).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            lock (_gate)
            {
                _flushRequests--;
            }
        }
    }

    /// <summary>Refuses new writes, flushes everything buffered and stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopping = true;
            _wake.TrySetResult();
        }

        await _loop.ConfigureAwait(false);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void ThrowIfStale(GrainId grainId, string? etag, PendingWrite newest)
    {
        if (!string.Equals(etag, newest.ETagText, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(grainId, etag, newest.ETagText);
        }
    }

    private async ValueTask<AcceptedWrite> AcceptWhenRoomAsync(GrainId grainId, GrainSnapshot snapshot, byte[] payload, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        TryAccept(grainId, snapshot, payload, slotTaken: true, out var accepted);
        return accepted;
    }

    private bool TryAccept(GrainId grainId, GrainSnapshot snapshot, byte[] payload, bool slotTaken, out AcceptedWrite accepted)
    {
        var slotUsed = false;
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_stopping, this);
                if (_pending.TryGetValue(grainId, out var pending))
                {
                    // Coalesce: the unflushed snapshot is superseded; its writer completes with this one's batch.
                    ThrowIfStale(grainId, snapshot.ETag, pending);
                    pending.Set(payload, snapshot.SchemaVersion, snapshot.Position);
                    _coalescedWrites++;
                    accepted = new AcceptedWrite(pending.ETagText, pending.Durable.Task);
                    return true;
                }

                var expected = GrainStateETags.Parse(snapshot.ETag);
                if (_inFlight.TryGetValue(grainId, out var flying))
                {
                    // Chained onto a version being committed right now: the store will hold that one first.
                    ThrowIfStale(grainId, snapshot.ETag, flying);
                    expected = flying.ETag;
                }

                if (!slotTaken && !_slots.Wait(0))
                {
                    accepted = default;
                    return false;
                }

                slotUsed = true;
                var write = new PendingWrite(grainId, expected);
                write.Set(payload, snapshot.SchemaVersion, snapshot.Position);
                _pending.Add(grainId, write);
                _order.Enqueue(write);
                if (_order.Count == 1 || _order.Count >= _flushAt)
                {
                    _wake.TrySetResult();
                }

                accepted = new AcceptedWrite(write.ETagText, write.Durable.Task);
                return true;
            }
        }
        finally
        {
            if (slotTaken && !slotUsed)
            {
                _slots.Release();
            }
        }
    }

    // Called under the lock: a fresh signal unless the current one has not fired yet.
    private Task Arm()
    {
        if (_wake.Task.IsCompleted)
        {
            _wake = NewSignal();
        }

        return _wake.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(Math.Min(_maxBatch, 4096));
        while (true)
        {
            Task? idle = null;
            lock (_gate)
            {
                if (_order.Count == 0)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    idle = Arm();
                }
            }

            if (idle is not null)
            {
                await idle.ConfigureAwait(false);
                continue;
            }

            await WaitForBatchAsync().ConfigureAwait(false);
            lock (_gate)
            {
                while (batch.Count < _maxBatch && _order.TryDequeue(out var write))
                {
                    _pending.Remove(write.GrainId);
                    _inFlight.Add(write.GrainId, write);
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                await FlushBatchAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    // The batch stays open until it is full, someone waits for a flush, the buffer stops, or the interval ends.
    private async Task WaitForBatchAsync()
    {
        using var window = new CancellationTokenSource();
        Task? interval = null;
        try
        {
            while (true)
            {
                Task wake;
                lock (_gate)
                {
                    if (_order.Count >= _flushAt || _flushRequests > 0 || _stopping)
                    {
                        return;
                    }

                    wake = Arm();
                }

                interval ??= Task.Delay(_flushInterval, _time, window.Token);
                if (await Task.WhenAny(wake, interval).ConfigureAwait(false) == interval)
                {
                    return;
                }
            }
        }
        finally
        {
            await window.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task FlushBatchAsync(List<PendingWrite> batch)
    {
        Exception? failure = null;
        try
        {
            await _flush(batch).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the store throws belongs to the batch's writers; the loop must go on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
            WriteBehindLog.FlushFailed(_logger, batch.Count, e);
        }

        lock (_gate)
        {
            _flushes++;
            _flushedWrites += batch.Count;
            _failedFlushes += failure is null ? 0 : 1;
            foreach (var write in batch)
            {
                _inFlight.Remove(write.GrainId);
                if ((failure is not null || write.IsRejected)
                    && _pending.TryGetValue(write.GrainId, out var next)
                    && next.ExpectedETag == write.ETag)
                {
                    // The next write chained onto a version that was never stored: it expects what this one expected.
                    next.ExpectedETag = write.ExpectedETag;
                }
            }
        }

        foreach (var write in batch)
        {
            if (failure is not null)
            {
                write.Durable.TrySetException(failure);
            }
            else if (write.IsRejected)
            {
                write.Durable.TrySetException(new InconsistentStateException(
                    write.GrainId, GrainStateETags.Format(write.ExpectedETag), GrainStateETags.Format(write.StoredETag)));
            }
            else
            {
                write.Durable.TrySetResult();
            }
        }

        _slots.Release(batch.Count);
    }
}
