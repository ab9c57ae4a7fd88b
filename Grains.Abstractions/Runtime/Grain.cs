namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>
/// Base class of every grain. The runtime creates the instance (constructor injection from the service
/// provider), then calls <see cref="OnActivateAsync"/> before the first message. All calls, timer
/// callbacks and the activate/deactivate hooks run as turns: one at a time, each to completion of its
/// task, so grain code needs no locks. A grain awaiting a call to itself (directly or around a cycle)
/// waits forever, as in Orleans without reentrancy: do not do that.
/// </summary>
public abstract class Grain : IGrain
{
    private IGrainContext? _context;

    /// <summary>Set by the runtime right after construction.</summary>
    internal IGrainContext Context
    {
        get => _context ?? throw new InvalidOperationException(
            $"{GetType().Name} is not attached to a grain runtime: grains are created by the runtime, not with 'new'.");
        set => _context = value;
    }

    /// <summary>The identity of this grain.</summary>
    public GrainId GrainId => Context.GrainId;

    /// <summary>References to other grains (and to this one).</summary>
    protected IGrainFactory GrainFactory => Context.GrainFactory;

    /// <summary>The only clock grain code may read.</summary>
    protected TimeProvider TimeProvider => Context.TimeProvider;

    public string GetPrimaryKeyString() => Context.GrainId.Key;

    /// <summary>
    /// Calls <paramref name="callback"/> after <paramref name="dueTime"/> and then every <paramref name="period"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> for once) as a turn, never concurrently with messages. A tick
    /// is skipped while the previous one is still queued or running. Timer ticks do not count as use, so
    /// they do not keep the grain from idle deactivation; all timers are disposed on deactivation.
    /// </summary>
    protected IDisposable RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Context.RegisterTimer(callback, state, dueTime, period);
    }

    /// <inheritdoc cref="RegisterTimer{TState}"/>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Context.RegisterTimer(static (c, ct) => c(ct), callback, dueTime, period);
    }

    /// <summary>Deactivates this grain once the current turn ends; later messages reach a fresh activation.</summary>
    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();

    /// <summary>Runs as the first turn, after persistent state (if any) was read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the last turn, before persistent state (if any) is written.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Hook for <see cref="Grain{TState}"/>: read state before <see cref="OnActivateAsync"/>.</summary>
    internal virtual ValueTask ReadStateOnActivationAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Hook for <see cref="Grain{TState}"/>: write state after <see cref="OnDeactivateAsync"/>.</summary>
    internal virtual ValueTask WriteStateOnDeactivationAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
