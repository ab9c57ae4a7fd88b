using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Runtime;

/// <summary>
/// The in-process virtual-actor runtime: resolves grain references, owns every activation and the
/// collector, and on <see cref="StopAsync"/> deactivates everything (saving state).
/// </summary>
internal sealed class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly FrozenDictionary<Type, GrainClass> _classesByInterface;
    private readonly GrainClass[] _classes;
    private readonly ActivationCollector _collector;
    private readonly GrainRuntimeOptions _options;
    private readonly Lock _stopGate = new();
    private Task? _stopped;
    private int _stopping;
    private int _live;
    private int _deactivating;

    public GrainRuntime(
        IServiceProvider services,
        IEnumerable<GrainRegistration> registrations,
        IOptions<GrainRuntimeOptions> options,
        TimeProvider timeProvider,
        IGrainStorage storage,
        ILogger<GrainRuntime> logger)
    {
        Services = services;
        _options = options.Value;
        TimeProvider = timeProvider;
        Storage = storage;
        Logger = logger;

        var classes = new List<GrainClass>();
        var byInterface = new Dictionary<Type, GrainClass>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            var grainClass = new GrainClass(this, registration, _options.StatelessWorkerPoolSize);
            if (!byInterface.TryAdd(registration.InterfaceType, grainClass))
            {
                throw new InvalidOperationException($"{registration.InterfaceType.Name} is registered twice (AddGrain).");
            }

            if (!names.Add(grainClass.Name))
            {
                throw new InvalidOperationException(
                    $"Two grain classes share the grain type name '{grainClass.Name}'; give them distinct [GrainType] names, or their stored state would collide.");
            }

            classes.Add(grainClass);
        }

        _classes = [.. classes];
        _classesByInterface = byInterface.ToFrozenDictionary();
        Metrics = new GrainRuntimeMetrics(ObserveLiveActivations, ObserveMessages);
        _collector = new ActivationCollector(this, _options);
        _collector.Start();
    }

    public IServiceProvider Services { get; }

    public TimeProvider TimeProvider { get; }

    public IGrainStorage Storage { get; }

    public ILogger Logger { get; }

    public GrainRuntimeMetrics Metrics { get; }

    public int LiveActivations => Volatile.Read(ref _live);

    public int DeactivatingActivations => Volatile.Read(ref _deactivating);

    public bool IsStopping => Volatile.Read(ref _stopping) != 0;

    public TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey
    {
        if (!_classesByInterface.TryGetValue(typeof(TGrain), out var grainClass))
        {
            throw new ArgumentException(
                $"No grain class is registered for {typeof(TGrain).Name}; call services.AddGrain<{typeof(TGrain).Name}, TGrain>(...).",
                nameof(TGrain));
        }

        return (TGrain)grainClass.GetReference(key);
    }

    public GrainRuntimeStatistics GetStatistics()
    {
        var types = new GrainTypeStatistics[_classes.Length];
        for (var i = 0; i < _classes.Length; i++)
        {
            types[i] = _classes[i].GetStatistics();
        }

        return new GrainRuntimeStatistics(TimeProvider.GetUtcNow(), LiveActivations, _options.MaxActivations, types);
    }

    /// <summary>Runs one idle sweep now (the collector also runs it every sweep interval).</summary>
    public int CollectIdleActivations() => _collector.CollectIdle();

    /// <summary>
    /// Deactivates every live activation <paramref name="selector"/> picks (running OnDeactivateAsync and saving state)
    /// and waits until they are gone. Messages already queued for them run first; a later message activates afresh.
    /// </summary>
    /// <returns>How many activations were deactivated.</returns>
    public async Task<int> DeactivateAsync(Func<GrainId, bool> selector, DeactivationReason reason)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var activations = new List<Activation>();
        CollectActivations(activations);
        var pending = new List<Task>();
        foreach (var activation in activations)
        {
            if (selector(activation.GrainId) && activation.BeginDeactivation(reason, long.MaxValue))
            {
                pending.Add(activation.WhenDeactivated());
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        return pending.Count;
    }

    /// <summary>
    /// Stops the collector, refuses new activations, and deactivates every activation (running
    /// OnDeactivateAsync and saving state). Messages already queued still run first.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopGate)
        {
            _stopped ??= StopCoreAsync();
        }

        return _stopped.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StopCoreAsync()
    {
        Interlocked.Exchange(ref _stopping, 1);
        await _collector.StopAsync().ConfigureAwait(false);
        var activations = new List<Activation>();
        var pending = new List<Task>();
        while (true)
        {
            activations.Clear();
            pending.Clear();
            CollectActivations(activations);
            foreach (var activation in activations)
            {
                activation.BeginDeactivation(DeactivationReason.ShuttingDown, long.MaxValue);
                pending.Add(activation.WhenDeactivated());
            }

            if (pending.Count == 0)
            {
                break;
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }

        Metrics.Dispose();
    }

    internal void ThrowIfStopping()
    {
        if (IsStopping)
        {
            throw new InvalidOperationException("The grain runtime is stopping; no grain can be activated.");
        }
    }

    internal void CollectActivations(List<Activation> into)
    {
        foreach (var grainClass in _classes)
        {
            grainClass.CollectActivations(into);
        }
    }

    internal void OnActivated()
    {
        var live = Interlocked.Increment(ref _live);
        if (live - Volatile.Read(ref _deactivating) > _options.MaxActivations)
        {
            _collector.RequestEviction();
        }
    }

    internal void OnDeactivationStarted() => Interlocked.Increment(ref _deactivating);

    internal void OnDeactivationCancelled() => Interlocked.Decrement(ref _deactivating);

    internal void OnDeactivated()
    {
        Interlocked.Decrement(ref _deactivating);
        Interlocked.Decrement(ref _live);
    }

    private IEnumerable<Measurement<int>> ObserveLiveActivations()
    {
        var measurements = new Measurement<int>[_classes.Length];
        for (var i = 0; i < _classes.Length; i++)
        {
            measurements[i] = new Measurement<int>(_classes[i].LiveActivations, _classes[i].TypeTag);
        }

        return measurements;
    }

    private IEnumerable<Measurement<long>> ObserveMessages()
    {
        var measurements = new Measurement<long>[_classes.Length];
        for (var i = 0; i < _classes.Length; i++)
        {
            measurements[i] = new Measurement<long>(_classes[i].Messages.Sum(), _classes[i].TypeTag);
        }

        return measurements;
    }
}
