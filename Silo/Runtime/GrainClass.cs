using System.Collections.Concurrent;
using System.Reflection;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Runtime.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Silo.Runtime;

/// <summary>A registered grain class: how to create it, its directory of activations and its counters.</summary>
internal sealed class GrainClass
{
    private readonly ObjectFactory _factory;
    private readonly Func<GrainReference, object> _proxyFactory;
    private readonly ConcurrentDictionary<string, Activation> _activations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StatelessWorkerPool> _pools = new(StringComparer.Ordinal);
    private int _live;
    private long _activated;
    private long _deactivated;
    private long _errors;

    public GrainClass(GrainRuntime runtime, GrainRegistration registration, int defaultPoolSize)
    {
        Runtime = runtime;
        InterfaceType = registration.InterfaceType;
        ClassType = registration.ClassType;
        Name = ClassType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? ClassType.Name;
        TypeTag = new KeyValuePair<string, object?>(GrainRuntimeMetrics.GrainTypeTag, Name);
        _proxyFactory = registration.ProxyFactory;
        _factory = ActivatorUtilities.CreateFactory(ClassType, Type.EmptyTypes);
        if (ClassType.GetCustomAttribute<StatelessWorkerAttribute>() is { } worker)
        {
            PoolSize = worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : defaultPoolSize;
        }
    }

    public GrainRuntime Runtime { get; }

    public Type InterfaceType { get; }

    public Type ClassType { get; }

    public string Name { get; }

    public KeyValuePair<string, object?> TypeTag { get; }

    /// <summary>Workers per address for a stateless worker; 0 for an ordinary grain.</summary>
    public int PoolSize { get; }

    public StripedCounter Messages { get; } = new();

    public int LiveActivations => Volatile.Read(ref _live);

    public Grain CreateInstance() => (Grain)_factory(Runtime.Services, null);

    /// <summary>The proxy for <paramref name="key"/>: cached on a live activation, so a hot grain's lookup allocates nothing.</summary>
    public object GetReference(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (PoolSize > 0)
        {
            return GetPool(key).Reference.Proxy;
        }

        if (_activations.TryGetValue(key, out var activation) && activation.Reference is { } cached)
        {
            return cached.Proxy;
        }

        var reference = new ActivationReference(this, key);
        reference.Proxy = _proxyFactory(reference);
        return reference.Proxy;
    }

    /// <summary>The live (or activating, or deactivating) activation for <paramref name="key"/>, created if none.</summary>
    public Activation GetOrActivate(string key)
    {
        while (true)
        {
            if (_activations.TryGetValue(key, out var existing))
            {
                if (!existing.IsDeactivated)
                {
                    return existing;
                }

                _activations.TryRemove(KeyValuePair.Create(key, existing));
                continue;
            }

            Runtime.ThrowIfStopping();
            var created = new Activation(this, key, pool: null);
            if (_activations.TryAdd(key, created))
            {
                created.Activate();
                return created;
            }
        }
    }

    public StatelessWorkerPool GetPool(string key) =>
        _pools.TryGetValue(key, out var pool) ? pool : _pools.GetOrAdd(key, static (k, self) => new StatelessWorkerPool(self, k), this);

    public object CreateProxy(GrainReference reference) => _proxyFactory(reference);

    /// <summary>Sends an item left on a deactivated activation to its successor.</summary>
    public void Forward(string key, WorkItem item)
    {
        if (PoolSize > 0)
        {
            GetPool(key).Enqueue(item);
        }
        else
        {
            GetOrActivate(key).Enqueue(item);
        }
    }

    public void Remove(Activation activation) => _activations.TryRemove(KeyValuePair.Create(activation.Key, activation));

    /// <summary>Adds every activation (workers included) to <paramref name="into"/>.</summary>
    public void CollectActivations(List<Activation> into)
    {
        foreach (var entry in _activations)
        {
            into.Add(entry.Value);
        }

        foreach (var entry in _pools)
        {
            entry.Value.CollectWorkers(into);
        }
    }

    public void OnActivated()
    {
        Interlocked.Increment(ref _live);
        Interlocked.Increment(ref _activated);
        Runtime.Metrics.Activations.Add(1, TypeTag);
    }

    public void OnDeactivated(DeactivationReason reason)
    {
        Interlocked.Decrement(ref _live);
        Interlocked.Increment(ref _deactivated);
        Runtime.Metrics.Deactivations.Add(1, TypeTag, new KeyValuePair<string, object?>("deactivation.reason", ReasonName(reason)));
    }

    public void ReportError(string kind)
    {
        Interlocked.Increment(ref _errors);
        Runtime.Metrics.Errors.Add(1, TypeTag, new KeyValuePair<string, object?>("error.kind", kind));
    }

    public GrainTypeStatistics GetStatistics() => new(
        Name,
        LiveActivations,
        Messages.Sum(),
        Volatile.Read(ref _activated),
        Volatile.Read(ref _deactivated),
        Volatile.Read(ref _errors));

    private static string ReasonName(DeactivationReason reason) => reason switch
    {
        DeactivationReason.ApplicationRequested => "application_requested",
        DeactivationReason.IdleTimeout => "idle_timeout",
        DeactivationReason.ActivationLimitExceeded => "activation_limit_exceeded",
        DeactivationReason.ShuttingDown => "shutting_down",
        DeactivationReason.PartitionRevoked => "partition_revoked",
        _ => "unknown",
    };
}
