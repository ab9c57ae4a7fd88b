using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Storage.GrainState;

namespace FraudActors.Silo.Tests.GrainState;

/// <summary>
/// A store for <see cref="WriteBehindBuffer"/> tests: keeps versions in a dictionary with the same conditional
/// rule as the real stores, records every batch, and can be held closed or made to fail.
/// </summary>
internal sealed class RecordingFlush
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, (long ETag, byte[] Payload)> _stored = [];
    private TaskCompletionSource? _hold;

    public List<List<(GrainId Grain, long? Expected, long ETag)>> Batches { get; } = [];

    public Exception? FailNext { get; set; }

    public int BatchCount
    {
        get
        {
            lock (_gate)
            {
                return Batches.Count;
            }
        }
    }

    /// <summary>Makes the next flushes wait until <see cref="Release"/>.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hold?.TrySetResult();

    public (long ETag, byte[] Payload)? Stored(GrainId grain)
    {
        lock (_gate)
        {
            return _stored.TryGetValue(grain, out var row) ? row : null;
        }
    }

    public async Task FlushAsync(IReadOnlyList<PendingWrite> batch)
    {
        lock (_gate)
        {
            Batches.Add(batch.Select(w => (w.GrainId, w.ExpectedETag, w.ETag)).ToList());
        }

        if (_hold is { } hold)
        {
            await hold.Task;
        }

        if (FailNext is { } failure)
        {
            FailNext = null;
            throw failure;
        }

        lock (_gate)
        {
            foreach (var write in batch)
            {
                long? stored = _stored.TryGetValue(write.GrainId, out var row) ? row.ETag : null;
                if (stored != write.ExpectedETag)
                {
                    write.Reject(stored);
                    continue;
                }

                _stored[write.GrainId] = (write.ETag, write.Payload);
            }
        }
    }
}
