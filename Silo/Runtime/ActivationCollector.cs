using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Hosting;

namespace FraudActors.Silo.Runtime;

/// <summary>
/// Deactivates idle activations every <see cref="GrainRuntimeOptions.SweepInterval"/>, and the least
/// recently used ones when the runtime exceeds <see cref="GrainRuntimeOptions.MaxActivations"/>.
/// </summary>
internal sealed class ActivationCollector
{
    private readonly GrainRuntime _runtime;
    private readonly GrainRuntimeOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _loop = Task.CompletedTask;
    private Task _eviction = Task.CompletedTask;
    private int _evicting;

    public ActivationCollector(GrainRuntime runtime, GrainRuntimeOptions options)
    {
        _runtime = runtime;
        _options = options;
    }

    public void Start() => _loop = RunAsync(_stopping.Token);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        Task eviction;
        lock (_gate)
        {
            eviction = _eviction;
        }

        await eviction.ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Called on every activation beyond the cap; runs one eviction pass at a time in the background.</summary>
    public void RequestEviction()
    {
        if (_stopping.IsCancellationRequested || Interlocked.CompareExchange(ref _evicting, 1, 0) != 0)
        {
            return;
        }

        lock (_gate)
        {
            _eviction = Task.Run(EvictLeastRecentlyUsed);
        }
    }

    /// <summary>One idle sweep; returns how many activations it started deactivating.</summary>
    public int CollectIdle()
    {
        var time = _runtime.TimeProvider;
        var cutoff = time.GetTimestamp() - (long)(_options.IdleAge.TotalSeconds * time.TimestampFrequency);
        var activations = new List<Activation>();
        _runtime.CollectActivations(activations);
        var collected = 0;
        foreach (var activation in activations)
        {
            if (activation.IsServing && activation.LastUsed <= cutoff
                && activation.BeginDeactivation(DeactivationReason.IdleTimeout, cutoff))
            {
                collected++;
            }
        }

        return collected;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _runtime.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var collected = CollectIdle();
                    RuntimeLog.IdleCollected(_runtime.Logger, collected);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    RuntimeLog.CollectorFailed(_runtime.Logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void EvictLeastRecentlyUsed()
    {
        try
        {
            var cap = _options.MaxActivations;
            // Evict down to 95 % of the cap so a steady stream of new grains does not trigger a full
            // scan for every single activation past the cap.
            var target = cap - (cap / 20);
            var excess = _runtime.LiveActivations - _runtime.DeactivatingActivations - target;
            if (excess <= 0)
            {
                return;
            }

            var activations = new List<Activation>();
            _runtime.CollectActivations(activations);
            var count = 0;
            var lastUsed = new long[activations.Count];
            var candidates = new Activation[activations.Count];
            foreach (var activation in activations)
            {
                if (activation.IsServing)
                {
                    lastUsed[count] = activation.LastUsed;
                    candidates[count] = activation;
                    count++;
                }
            }

            Array.Sort(lastUsed, candidates, 0, count);
            var chosen = Math.Min(excess, count);
            RuntimeLog.EvictingLeastRecentlyUsed(_runtime.Logger, _runtime.LiveActivations, cap, chosen);
            var now = _runtime.TimeProvider.GetTimestamp();
            for (var i = 0; i < chosen; i++)
            {
                candidates[i].BeginDeactivation(DeactivationReason.ActivationLimitExceeded, now);
            }
        }
        catch (Exception ex)
        {
            RuntimeLog.CollectorFailed(_runtime.Logger, ex);
        }
        finally
        {
            Volatile.Write(ref _evicting, 0);
        }
    }
}
