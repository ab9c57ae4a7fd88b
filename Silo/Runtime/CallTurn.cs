using System.Diagnostics;
using System.Threading.Tasks.Sources;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Runtime;

/// <summary>
/// A queued call with a result. It is its own awaitable (an <see cref="IValueTaskSource{TResult}"/>) and is
/// recycled per thread after the caller reads the result, so a contended call allocates nothing in steady state.
/// </summary>
internal sealed class CallTurn<TGrain, TArg, TResult> : WorkItem, IValueTaskSource<TResult>
    where TGrain : IGrain
{
    [ThreadStatic]
    private static CallTurn<TGrain, TArg, TResult>? t_free;

    private ManualResetValueTaskSourceCore<TResult> _core = new() { RunContinuationsAsynchronously = true };
    private TArg _arg = default!;
    private Activity? _parent;
    private Func<TGrain, TArg, ValueTask<TResult>>? _call;
    private Activation? _running;
    private ValueTask<TResult> _pending;
    private long _started;
    private Action? _onPendingCompleted;

    public static CallTurn<TGrain, TArg, TResult> Rent(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call)
    {
        var turn = t_free ?? new CallTurn<TGrain, TArg, TResult>();
        t_free = null;
        turn._arg = arg;
        turn._call = call;
        // A queued call runs on another thread later: carry the caller's trace so the turn's spans join it.
        turn._parent = Activity.Current;
        return turn;
    }

    public ValueTask<TResult> AsValueTask() => new(this, _core.Version);

    public override bool Execute(Activation activation)
    {
        var started = activation.BeginTurn(isMessage: true);
        ValueTask<TResult> pending;
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

    public TResult GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
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

    private void Finish(Activation activation, ValueTask<TResult> pending, long started)
    {
        TResult result;
        try
        {
            result = pending.Result;
        }
        catch (Exception ex)
        {
            activation.CompleteTurn(started, failed: true, call: _call);
            Fail(ex);
            return;
        }

        // The turn ends (and a requested deactivation is queued) before the caller can send its next message.
        activation.CompleteTurn(started, failed: false, call: _call);
        Clear();
        _core.SetResult(result);
    }

    private void Fail(Exception exception)
    {
        Clear();
        _core.SetException(exception);
    }

    // Nothing may touch this instance after SetResult/SetException: the caller may already be reusing it.
    private void Clear()
    {
        _arg = default!;
        _call = null;
        _parent = null;
    }
}
