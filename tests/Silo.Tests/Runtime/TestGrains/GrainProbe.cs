using System.Collections.Concurrent;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

/// <summary>What the test grains report to the test: lifecycle events, overlaps, gates to hold turns open.</summary>
internal sealed class GrainProbe
{
    private int _inside;
    private int _overlaps;
    private int _concurrent;
    private int _maxConcurrent;
    private int _ticks;

    public ConcurrentQueue<(string Key, string Event)> Events { get; } = new();

    public ConcurrentQueue<DeactivationReason> DeactivationReasons { get; } = new();

    public TaskCompletionSource Gate { get; set; } = NewGate();

    public TaskCompletionSource? DeactivationGate { get; set; }

    public int Overlaps => Volatile.Read(ref _overlaps);

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public int Concurrent => Volatile.Read(ref _concurrent);

    public int Ticks => Volatile.Read(ref _ticks);

    public static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Enter()
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
    }

    public void Exit() => Interlocked.Decrement(ref _inside);

    public void EnterConcurrent()
    {
        var now = Interlocked.Increment(ref _concurrent);
        int seen;
        do
        {
            seen = Volatile.Read(ref _maxConcurrent);
        }
        while (now > seen && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen);
    }

    public void ExitConcurrent() => Interlocked.Decrement(ref _concurrent);

    public void Tick() => Interlocked.Increment(ref _ticks);

    public void Record(string key, string lifecycleEvent) => Events.Enqueue((key, lifecycleEvent));

    public int Count(string key, string lifecycleEvent)
    {
        var count = 0;
        foreach (var (k, e) in Events)
        {
            if (k == key && e == lifecycleEvent)
            {
                count++;
            }
        }

        return count;
    }
}
