using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Runtime;

/// <summary>
/// The activations behind one stateless-worker address. A call runs inline on the first idle worker;
/// if none is idle a new worker is created (up to the pool size), else the call queues on a worker
/// picked round-robin. Each worker is an ordinary single-threaded activation, so at most
/// <see cref="GrainClass.PoolSize"/> turns run at once. Workers are idle-collected one by one.
/// </summary>
internal sealed class StatelessWorkerPool
{
    private readonly GrainClass _class;
    private readonly string _key;
    private readonly Activation?[] _workers;
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    public StatelessWorkerPool(GrainClass grainClass, string key)
    {
        _class = grainClass;
        _key = key;
        _workers = new Activation?[grainClass.PoolSize];
        Reference = new StatelessWorkerReference(this, new GrainId(grainClass.Name, key));
        Reference.Proxy = grainClass.CreateProxy(Reference);
    }

    public StatelessWorkerReference Reference { get; }

    public ValueTask<TResult> Invoke<TGrain, TArg, TResult>(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call)
        where TGrain : IGrain
    {
        var idle = FindIdleWorker();
        if (idle is not null)
        {
            return idle.RunInline(arg, call);
        }

        Activation worker;
        try
        {
            worker = PickWorker();
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<TResult>(ex);
        }

        return worker.Invoke(arg, call);
    }

    public ValueTask Invoke<TGrain, TArg>(TArg arg, Func<TGrain, TArg, ValueTask> call)
        where TGrain : IGrain
    {
        var idle = FindIdleWorker();
        if (idle is not null)
        {
            return idle.RunInline(arg, call);
        }

        Activation worker;
        try
        {
            worker = PickWorker();
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }

        return worker.Invoke(arg, call);
    }

    public void Enqueue(WorkItem item) => PickWorker().Enqueue(item);

    public void Remove(Activation worker)
    {
        lock (_gate)
        {
            for (var i = 0; i < _workers.Length; i++)
            {
                if (ReferenceEquals(_workers[i], worker))
                {
                    Volatile.Write(ref _workers[i], null);
                    _count--;
                    return;
                }
            }
        }
    }

    public void CollectWorkers(List<Activation> into)
    {
        foreach (var worker in _workers)
        {
            if (worker is not null)
            {
                into.Add(worker);
            }
        }
    }

    /// <summary>An idle worker, already owned by the caller, or null.</summary>
    private Activation? FindIdleWorker()
    {
        var workers = _workers;
        for (var i = 0; i < workers.Length; i++)
        {
            var worker = Volatile.Read(ref workers[i]);
            if (worker is not null && worker.TryAcquireIdle())
            {
                return worker;
            }
        }

        return null;
    }

    private Activation PickWorker()
    {
        while (true)
        {
            Activation? created = null;
            lock (_gate)
            {
                if (_count < _workers.Length)
                {
                    _class.Runtime.ThrowIfStopping();
                    created = new Activation(_class, _key, this);
                    var slot = Array.IndexOf(_workers, null);
                    Volatile.Write(ref _workers[slot], created);
                    _count++;
                }
            }

            if (created is not null)
            {
                created.Activate();
                return created;
            }

            var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)_workers.Length);
            for (var i = 0; i < _workers.Length; i++)
            {
                var worker = Volatile.Read(ref _workers[(start + i) % _workers.Length]);
                if (worker is not null && !worker.IsDeactivated)
                {
                    return worker;
                }
            }
        }
    }
}
