using System.Globalization;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Runtime.Storage;

/// <summary>
/// Grain snapshots in process memory: the default provider, and the reference behaviour (ETag checks,
/// payload copied on write) that the PostgreSQL and embedded providers must match.
/// </summary>
internal sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, GrainSnapshot> _records = [];
    private long _version;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    public ValueTask<GrainSnapshot?> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_records.GetValueOrDefault(grainId));
        }
    }

    public ValueTask<string> WriteAsync(GrainId grainId, GrainSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        cancellationToken.ThrowIfCancellationRequested();

        // Copied outside the lock: the caller's buffer is only lent for the duration of the call.
        var payload = snapshot.Payload.ToArray();
        lock (_gate)
        {
            var stored = _records.GetValueOrDefault(grainId)?.ETag;
            if (stored != snapshot.ETag)
            {
                throw new InconsistentStateException(grainId, snapshot.ETag, stored);
            }

            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _records[grainId] = snapshot with { Payload = payload, ETag = etag };
            return ValueTask.FromResult(etag);
        }
    }

    public ValueTask ClearAsync(GrainId grainId, string? etag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_records.TryGetValue(grainId, out var existing))
            {
                if (existing.ETag != etag)
                {
                    throw new InconsistentStateException(grainId, etag, existing.ETag);
                }

                _records.Remove(grainId);
            }

            return ValueTask.CompletedTask;
        }
    }
}
