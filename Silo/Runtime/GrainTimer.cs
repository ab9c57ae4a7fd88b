using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Runtime;

/// <summary>
/// A grain timer: each tick is queued as a turn of its activation. At most one tick is queued or
/// running at a time, so a slow callback skips ticks instead of piling them up.
/// </summary>
internal sealed class GrainTimer<TState> : WorkItem, IGrainTimer
{
    private readonly Activation _activation;
    private readonly Func<TState, CancellationToken, Task> _callback;
    private readonly TState _state;
    private ITimer? _timer;
    private int _queued;
    private volatile bool _stopped;
    private Task? _pending;
    private long _started;
    private Action? _onPendingCompleted;

    public GrainTimer(Activation activation, Func<TState, CancellationToken, Task> callback, TState state)
    {
        _activation = activation;
        _callback = callback;
        _state = state;
    }

    public void Start(TimeProvider timeProvider, TimeSpan dueTime, TimeSpan period) =>
        _timer = timeProvider.CreateTimer(static self => ((GrainTimer<TState>)self!).OnTick(), this, dueTime, period);

    public override bool Execute(Activation activation)
    {
        if (_stopped || !activation.IsServing)
        {
            Volatile.Write(ref _queued, 0);
            return true;
        }

        var started = activation.BeginTurn(isMessage: false);
        Task pending;
        try
        {
            pending = _callback(_state, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Complete(activation, started, ex);
            return true;
        }

        if (pending.IsCompleted)
        {
            Complete(activation, started, FailureOf(pending));
            return true;
        }

        _pending = pending;
        _started = started;
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onPendingCompleted ??= OnPendingCompleted);
        return false;
    }

    public override void Abandon(Activation activation)
    {
    }

    /// <summary>Stops the timer without touching the activation's timer list (used while deactivating).</summary>
    public void Stop()
    {
        _stopped = true;
        _timer?.Dispose();
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    private void OnTick()
    {
        if (_stopped || !_activation.AcceptsTimerTicks)
        {
            return;
        }

        if (Interlocked.Exchange(ref _queued, 1) == 0)
        {
            _activation.Enqueue(this);
        }
    }

    private void OnPendingCompleted()
    {
        var pending = _pending!;
        _pending = null;
        Complete(_activation, _started, FailureOf(pending));
        _activation.ContinueDrain();
    }

    private static Exception? FailureOf(Task completed) =>
        completed.IsFaulted ? completed.Exception.InnerException : completed.IsCanceled ? new TaskCanceledException(completed) : null;

    private void Complete(Activation activation, long started, Exception? failure)
    {
        if (failure is not null)
        {
            activation.ReportError(ErrorKind.Timer);
            RuntimeLog.TimerCallbackFailed(activation.Logger, activation.GrainId, failure);
        }

        activation.CompleteTurn(started, failed: false, isMessage: false);
        Volatile.Write(ref _queued, 0);
    }
}
