using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FraudActors.Grains.Abstractions.Runtime;
using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Runtime;

/// <summary>
/// One live instance of a grain and its single-threaded scheduler.
/// <para>
/// Whoever holds <see cref="_busy"/> owns the activation: it alone runs turns (activation, calls, timer
/// ticks, deactivation) or drains the mailbox. A caller that finds the activation idle with an empty
/// mailbox runs its call inline on its own thread (no queueing, no thread hop); otherwise the call goes
/// into the lock-free mailbox and a drain is scheduled on the thread pool. The mailbox is unbounded (a
/// bounded one would have to block or reject callers); back-pressure belongs to the stream consumer,
/// which awaits each call. A turn lasts until the grain method's task completes, so turns never
/// interleave (no reentrancy).
/// </para>
/// </summary>
internal sealed class Activation : IGrainContext, IThreadPoolWorkItem
{
    // A drain yields its thread after this many turns so one hot grain cannot starve the others.
    private const int TurnsPerDrain = 64;

    private readonly GrainRuntime _runtime;
    private readonly StatelessWorkerPool? _pool;
    private readonly Lock _timersGate = new();
    private ConcurrentQueue<WorkItem>? _mailbox; // created on first contention: most grains never need one
    private int _busy = 1; // the creator owns a new activation until it is activated
    private int _state = ActivationState.Activating;
    private long _lastUsed;
    private Grain? _grain;
    private List<IGrainTimer>? _timers;
    private bool _deactivateOnIdle;
    private TaskCompletionSource? _deactivated;
    private ActivationReference? _reference;

    public Activation(GrainClass grainClass, string key, StatelessWorkerPool? pool)
    {
        Class = grainClass;
        Key = key;
        GrainId = new GrainId(grainClass.Name, key);
        _runtime = grainClass.Runtime;
        _pool = pool;
    }

    public GrainClass Class { get; }

    public string Key { get; }

    public GrainId GrainId { get; }

    public Grain Grain => _grain!;

    public ILogger Logger => _runtime.Logger;

    public Exception? ActivationFailure { get; private set; }

    public int State => Volatile.Read(ref _state);

    public bool IsDeactivated => Volatile.Read(ref _state) == ActivationState.Deactivated;

    /// <summary>Turns may run (timer ticks are dropped once deactivation has begun).</summary>
    public bool IsServing => Volatile.Read(ref _state) == ActivationState.Valid;

    public bool AcceptsTimerTicks => Volatile.Read(ref _state) is ActivationState.Activating or ActivationState.Valid;

    /// <summary>Timestamp (runtime clock) of the latest message turn's start, or of activation.</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public ActivationReference? Reference => Volatile.Read(ref _reference);

    IGrainFactory IGrainContext.GrainFactory => _runtime;

    TimeProvider IGrainContext.TimeProvider => _runtime.TimeProvider;

    IGrainStorage IGrainContext.Storage => _runtime.Storage;

    public void AdoptReference(ActivationReference reference) => Interlocked.CompareExchange(ref _reference, reference, null);

    // ---- calls -------------------------------------------------------------------------------------

    public ValueTask<TResult> Invoke<TGrain, TArg, TResult>(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call)
        where TGrain : IGrain
    {
        if (TryAcquireIdle())
        {
            return RunInline(arg, call);
        }

        var turn = CallTurn<TGrain, TArg, TResult>.Rent(arg, call);
        var task = turn.AsValueTask();
        Enqueue(turn);
        return task;
    }

    public ValueTask Invoke<TGrain, TArg>(TArg arg, Func<TGrain, TArg, ValueTask> call)
        where TGrain : IGrain
    {
        if (TryAcquireIdle())
        {
            return RunInline(arg, call);
        }

        var turn = VoidCallTurn<TGrain, TArg>.Rent(arg, call);
        var task = turn.AsValueTask();
        Enqueue(turn);
        return task;
    }

    /// <summary>Takes ownership if the activation is serving, idle and has nothing queued.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAcquireIdle()
    {
        if (Volatile.Read(ref _state) != ActivationState.Valid || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return false;
        }

        if (Volatile.Read(ref _state) == ActivationState.Valid && MailboxIsEmpty)
        {
            return true;
        }

        // Queued work (or a state change) got there first: keep ownership and let a drain serve it in order.
        ScheduleDrain();
        return false;
    }

    /// <summary>Runs a call on the caller's thread; the caller owns the activation (<see cref="TryAcquireIdle"/>).</summary>
    public ValueTask<TResult> RunInline<TGrain, TArg, TResult>(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call)
        where TGrain : IGrain
    {
        var started = BeginTurn(isMessage: true);
        ValueTask<TResult> pending;
        try
        {
            pending = call((TGrain)(object)_grain!, arg);
        }
        catch (Exception ex)
        {
            EndInlineTurn(started, failed: true, call);
            return ValueTask.FromException<TResult>(ex);
        }

        if (pending.IsCompletedSuccessfully)
        {
            var result = pending.Result;
            EndInlineTurn(started, failed: false, call);
            return new ValueTask<TResult>(result);
        }

        return AwaitInlineTurnAsync(pending, started, call);
    }

    public ValueTask RunInline<TGrain, TArg>(TArg arg, Func<TGrain, TArg, ValueTask> call)
        where TGrain : IGrain
    {
        var started = BeginTurn(isMessage: true);
        ValueTask pending;
        try
        {
            pending = call((TGrain)(object)_grain!, arg);
        }
        catch (Exception ex)
        {
            EndInlineTurn(started, failed: true, call);
            return ValueTask.FromException(ex);
        }

        if (pending.IsCompletedSuccessfully)
        {
            pending.GetAwaiter().GetResult();
            EndInlineTurn(started, failed: false, call);
            return ValueTask.CompletedTask;
        }

        return AwaitInlineTurnAsync(pending, started, call);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> AwaitInlineTurnAsync<TResult>(ValueTask<TResult> pending, long started, Delegate call)
    {
        var failed = true;
        try
        {
            var result = await pending.ConfigureAwait(false);
            failed = false;
            return result;
        }
        finally
        {
            EndInlineTurn(started, failed, call);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitInlineTurnAsync(ValueTask pending, long started, Delegate call)
    {
        var failed = true;
        try
        {
            await pending.ConfigureAwait(false);
            failed = false;
        }
        finally
        {
            EndInlineTurn(started, failed, call);
        }
    }

    private void EndInlineTurn(long started, bool failed, Delegate call)
    {
        CompleteTurn(started, failed, isMessage: true, call);
        ReleaseOwnership();
    }

    public long BeginTurn(bool isMessage)
    {
        var now = _runtime.TimeProvider.GetTimestamp();
        if (isMessage)
        {
            Volatile.Write(ref _lastUsed, now);
            Class.Messages.Increment();
        }

        return now;
    }

    /// <summary>Bookkeeping at the end of any turn; the caller still owns the activation.</summary>
    public void CompleteTurn(long started, bool failed, bool isMessage = true, Delegate? call = null)
    {
        if (failed)
        {
            ReportError(ErrorKind.Call);
        }

        var duration = _runtime.Metrics.TurnDuration;
        if (isMessage && duration.Enabled)
        {
            var elapsed = _runtime.TimeProvider.GetElapsedTime(started);
            if (call is null)
            {
                duration.Record(elapsed.TotalMilliseconds, Class.TypeTag);
            }
            else
            {
                duration.Record(elapsed.TotalMilliseconds, Class.TypeTag, TurnMethods.TagOf(call));
            }
        }

        if (_deactivateOnIdle)
        {
            _deactivateOnIdle = false;
            BeginDeactivation(DeactivationReason.ApplicationRequested, long.MaxValue);
        }
    }

    public void ReportError(string kind) => Class.ReportError(kind);

    // ---- mailbox -----------------------------------------------------------------------------------

    private bool MailboxIsEmpty
    {
        get
        {
            var mailbox = Volatile.Read(ref _mailbox);
            return mailbox is null || mailbox.IsEmpty;
        }
    }

    public void Enqueue(WorkItem item)
    {
        var mailbox = Volatile.Read(ref _mailbox)
            ?? Interlocked.CompareExchange(ref _mailbox, new ConcurrentQueue<WorkItem>(), null)
            ?? _mailbox!;
        mailbox.Enqueue(item);
        if (Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            ScheduleDrain();
        }
    }

    /// <summary>Continues draining on the thread pool; the caller owns the activation and hands it over.</summary>
    public void ContinueDrain() => ScheduleDrain();

    private void ScheduleDrain() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute() => Drain();

    private void Drain()
    {
        var turns = 0;
        while (true)
        {
            var mailbox = Volatile.Read(ref _mailbox);
            if (mailbox is null || !mailbox.TryDequeue(out var item))
            {
                if (ReleaseAndReacquire())
                {
                    continue;
                }

                return;
            }

            if (Volatile.Read(ref _state) == ActivationState.Deactivated)
            {
                item.Abandon(this);
                continue;
            }

            if (!item.Execute(this))
            {
                return; // the item calls ContinueDrain when its turn completes
            }

            if (++turns == TurnsPerDrain)
            {
                ScheduleDrain();
                return;
            }
        }
    }

    /// <summary>Gives up ownership; takes it back if work arrived meanwhile (its sender saw us busy).</summary>
    private bool ReleaseAndReacquire()
    {
        // A full fence, not a plain write: the emptiness check below must not be read before the release.
        Interlocked.Exchange(ref _busy, 0);
        return !MailboxIsEmpty && Interlocked.CompareExchange(ref _busy, 1, 0) == 0;
    }

    private void ReleaseOwnership()
    {
        if (ReleaseAndReacquire())
        {
            ScheduleDrain();
        }
    }

    // ---- lifecycle ---------------------------------------------------------------------------------

    /// <summary>Called once by the creator, which owns the activation until this completes.</summary>
    public void Activate()
    {
        var activation = ActivateCoreAsync();
        if (activation.IsCompleted)
        {
            FinishActivation(activation);
        }
        else
        {
            activation.ContinueWith(
                static (task, self) => ((Activation)self!).FinishActivation(task),
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task ActivateCoreAsync()
    {
        var grain = Class.CreateInstance();
        grain.Context = this;
        _grain = grain;
        _lastUsed = _runtime.TimeProvider.GetTimestamp();
        await grain.ReadStateOnActivationAsync(CancellationToken.None).ConfigureAwait(false);
        await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void FinishActivation(Task activation)
    {
        if (activation.IsCompletedSuccessfully)
        {
            Volatile.Write(ref _lastUsed, _runtime.TimeProvider.GetTimestamp());
            Interlocked.Exchange(ref _state, ActivationState.Valid);
            Class.OnActivated();
            _runtime.OnActivated();
            if (_deactivateOnIdle || _runtime.IsStopping)
            {
                _deactivateOnIdle = false;
                BeginDeactivation(_runtime.IsStopping ? DeactivationReason.ShuttingDown : DeactivationReason.ApplicationRequested, long.MaxValue);
            }
        }
        else
        {
            var failure = activation.Exception?.InnerException ?? new TaskCanceledException(activation);
            ActivationFailure = failure;
            ReportError(ErrorKind.Activation);
            RuntimeLog.ActivationFailed(Logger, GrainId, failure);
            StopTimers();
            _grain = null;
            LeaveDirectory();
            Interlocked.Exchange(ref _state, ActivationState.Deactivated);
            SignalDeactivated();
        }

        ReleaseOwnership();
    }

    /// <summary>Queues the deactivation turn unless deactivation has already begun.</summary>
    public bool BeginDeactivation(DeactivationReason reason, long usedBefore)
    {
        if (Interlocked.CompareExchange(ref _state, ActivationState.Deactivating, ActivationState.Valid) != ActivationState.Valid)
        {
            return false;
        }

        _runtime.OnDeactivationStarted();
        Enqueue(new DeactivationTurn(reason, usedBefore));
        return true;
    }

    /// <summary>Runs the deactivation turn; returns false when it went asynchronous.</summary>
    public bool RunDeactivation(DeactivationTurn turn)
    {
        if (Volatile.Read(ref _lastUsed) > turn.UsedBefore && !_runtime.IsStopping)
        {
            // Used again since the collector picked it: no longer idle (or least recently used).
            Interlocked.Exchange(ref _state, ActivationState.Valid);
            _runtime.OnDeactivationCancelled();
            return true;
        }

        var deactivation = DeactivateCoreAsync(turn.Reason);
        if (deactivation.IsCompleted)
        {
            FinishDeactivation(turn.Reason);
            return true;
        }

        deactivation.ContinueWith(
            static (_, state) =>
            {
                var (self, reason) = ((Activation, DeactivationReason))state!;
                self.FinishDeactivation(reason);
                self.ContinueDrain();
            },
            (this, turn.Reason),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return false;
    }

    private async Task DeactivateCoreAsync(DeactivationReason reason)
    {
        var grain = _grain!;
        try
        {
            await grain.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReportError(ErrorKind.Deactivation);
            RuntimeLog.DeactivationHookFailed(Logger, GrainId, reason, ex);
        }

        StopTimers();
        try
        {
            await grain.WriteStateOnDeactivationAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReportError(ErrorKind.Deactivation);
            RuntimeLog.StateWriteFailed(Logger, GrainId, reason, ex);
        }
    }

    private void FinishDeactivation(DeactivationReason reason)
    {
        _grain = null;
        // Leave the directory before becoming Deactivated: a caller that sees Deactivated must find no
        // entry and create the successor, which then reads the state written above.
        LeaveDirectory();
        Interlocked.Exchange(ref _state, ActivationState.Deactivated);
        Class.OnDeactivated(reason);
        _runtime.OnDeactivated();
        SignalDeactivated();
    }

    private void LeaveDirectory()
    {
        if (_pool is null)
        {
            Class.Remove(this);
        }
        else
        {
            _pool.Remove(this);
        }
    }

    /// <summary>Completes when the activation is gone (immediately if it already is).</summary>
    public Task WhenDeactivated()
    {
        if (IsDeactivated)
        {
            return Task.CompletedTask;
        }

        var signal = Volatile.Read(ref _deactivated);
        if (signal is null)
        {
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            signal = Interlocked.CompareExchange(ref _deactivated, created, null) ?? created;
        }

        // The state may have changed before the signal was published.
        if (IsDeactivated)
        {
            signal.TrySetResult();
        }

        return signal.Task;
    }

    private void SignalDeactivated() => Volatile.Read(ref _deactivated)?.TrySetResult();

    // ---- grain context -----------------------------------------------------------------------------

    public IDisposable RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        if (!AcceptsTimerTicks)
        {
            throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register timers.");
        }

        var timer = new GrainTimer<TState>(this, callback, state);
        lock (_timersGate)
        {
            (_timers ??= []).Add(timer);
        }

        timer.Start(_runtime.TimeProvider, dueTime, period);
        return timer;
    }

    public void RemoveTimer(IGrainTimer timer)
    {
        lock (_timersGate)
        {
            _timers?.Remove(timer);
        }
    }

    private void StopTimers()
    {
        List<IGrainTimer>? timers;
        lock (_timersGate)
        {
            timers = _timers;
            _timers = null;
        }

        if (timers is not null)
        {
            foreach (var timer in timers)
            {
                timer.Stop();
            }
        }
    }

    public void DeactivateOnIdle() => _deactivateOnIdle = true;

    public override string ToString() => $"{GrainId} (state {State})";
}
