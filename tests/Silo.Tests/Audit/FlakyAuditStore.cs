using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Audit;

namespace FraudActors.Silo.Tests.Audit;

/// <summary>
/// An in-memory audit table with the real stores' contract (atomic batch, duplicates skipped) that can be
/// switched down (unreachable), made to lose acknowledgements (commit, then fail), or to refuse rows.
/// </summary>
internal sealed class FlakyAuditStore : IAuditStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AuditedDecision> _rows = [];
    private long _attempts;

    public volatile bool Down;
    public volatile bool LoseNextAcknowledgement;
    public volatile string? RefusePrefix;

    public long Attempts => Interlocked.Read(ref _attempts);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rows.Count;
            }
        }
    }

    public IReadOnlyCollection<string> Ids
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows.Keys];
            }
        }
    }

    public Task<int> WriteAsync(IReadOnlyList<AuditedDecision> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (Down)
        {
            throw new StoreUnavailableException("Cannot connect to the test store: it is down");
        }

        if (RefusePrefix is { } refused && batch.Any(r => r.TransactionId.StartsWith(refused, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("value too long for type character varying(8)");
        }

        var added = 0;
        lock (_lock)
        {
            foreach (var row in batch)
            {
                added += _rows.TryAdd(row.TransactionId, row) ? 1 : 0;
            }
        }

        if (LoseNextAcknowledgement)
        {
            LoseNextAcknowledgement = false;
            throw new IOException("connection reset after commit");
        }

        return Task.FromResult(added);
    }

    public bool IsTransient(Exception failure) => failure is StoreUnavailableException or IOException;
}
