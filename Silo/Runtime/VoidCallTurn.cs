using System.Diagnostics;
using System.Threading.Tasks.Sources;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Runtime;

/// <summary>A queued call without a result; see <see cref="CallTurn{TGrain, TArg, TResult}"/>.</summary>
internal sealed class VoidCallTurn<TGrain, TArg> : WorkItem, IValueTaskSource
    where TGrain : IGrain
{
    [ThreadStatic]
    private static VoidCallTurn<TGrain, TArg>? t_free;

    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private TArg _arg = default!;
    private Activity? _parent;
    private Func<TGrain, TArg, ValueTask>? _call;
    private Activation? _running;
    private ValueTask _pending;
    private long _started;
    private Action? _onPendingCompleted;

    public static VoidCallTurn<TGrain, TArg> Rent(TArg arg, Func<TGrain, TArg, ValueTask> call)
    {
        var turn = t_free ?? new VoidCallTurn<TGrain, TArg>();
        t_free = null;
        turn._arg = arg;
        turn._call = call;
        // A queued call runs on another thread later: carry the caller's trace so the turn's spans join it.
        turn._parent = Activity.Current;
        return turn;
    }

    public ValueTask AsValueTask() => new(this, _core.Version);

    public override bool Execute(Activation activation)
    {
        var started = activation.BeginTurn(isMessage: true);
        ValueTask pending;
        try
        {
            var previous = Activity.Current;
            if (_parent is not null && previous != _parent)
            {
                // Only when tracing is on: setting Activity.Current writes an AsyncLocal.
                Activity.Current = _parent;
                pending = _call!((TGrain)(object)activation.Grain, _arg);
                Activity.Current = previous;
            }
            else
            {
                pending = _call!((TGrain)(object)activation.Grain, _arg);
            }
        }
        catch (Exception ex)
        {
            activation.CompleteTurn(started, failed: true, call: _call);
            Fail(ex);
            return true;
        }

        if (pending.IsCompleted)
        {
            Finish(activation, pending, started);
            return true;
        }

        _running = activation;
        _pending = pending;
        _started = started;
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onPendingCompleted ??= OnPendingCompleted);
        return false;
    }

    public override void Abandon(Activation activation)
    {
        if (activation.ActivationFailure is { } failure)
        {
            Fail(failure);
            return;
        }

        try
        {
            activation.Class.Forward(activation.Key, this);
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    public void GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            t_free = this;
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void OnPendingCompleted()
    {
        var activation = _running!;
        var pending = _pending;
        _running = null;
        _pending = default;
        Finish(activation, pending, _started);
        activation.ContinueDrain();
    }

    private void Finish(Activation activation, ValueTask pending, long started)
    {
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            activation.CompleteTurn(started, failed: true, call: _call);
            Fail(ex);
            return;
        }

        activation.CompleteTurn(started, failed: false, call: _call);
        Clear();
        _core.SetResult(true);
    }

    private void Fail(Exception exception)
    {
        Clear();
        _core.SetException(exception);
    }

    private void Clear()
    {
        _arg = default!;
        _call = null;
        _parent = null;
    }
}
