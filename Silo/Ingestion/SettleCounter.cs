namespace FraudActors.Silo.Ingestion;

/// <summary>
/// A monotonic count of outputs that reached their destination (decisions acknowledged by the broker, audit rows
/// written or spilled), and waiters for "at least N". The count is bumped by whichever thread delivers; a waiter is
/// released by the bump that reaches its target, so nothing polls. Continuations run asynchronously: the delivering
/// thread (librdkafka's, the audit writer's) never runs a checkpoint.
/// </summary>
internal sealed class SettleCounter
{
    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];
    private long _value;
    private int _waiting;

    public long Value => Interlocked.Read(ref _value);

    public void Add(long count)
    {
        var value = Interlocked.Add(ref _value, count);
        // Interlocked.Add is a full fence, as is the waiter's registration below: either this bump sees the waiter,
        // or the waiter's second look sees this bump.
        if (Volatile.Read(ref _waiting) != 0)
        {
            Release(value);
        }
    }

    /// <summary>Completes when the count reaches <paramref name="target"/>; false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitAsync(long target, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (Value >= target)
        {
            return true;
        }

        var waiter = new Waiter(target);
        lock (_gate)
        {
            _waiters.Add(waiter);
            Interlocked.Exchange(ref _waiting, _waiters.Count);
        }

        Release(Value);
        try
        {
            await waiter.Done.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            Forget(waiter);
            return false;
        }
        catch (OperationCanceledException)
        {
            Forget(waiter);
            throw;
        }
    }

    private void Release(long value)
    {
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= value)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }

            Interlocked.Exchange(ref _waiting, _waiters.Count);
        }
    }

    private void Forget(Waiter waiter)
    {
        lock (_gate)
        {
            _waiters.Remove(waiter);
            Interlocked.Exchange(ref _waiting, _waiters.Count);
        }
    }

    private sealed class Waiter(long target)
    {
        public long Target => target;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
