namespace FraudActors.Silo.Storage.GrainState;

/// <summary>
/// How the durable grain-state stores batch their writes (see <see cref="WriteBehindBuffer"/>). A write waits
/// at most <see cref="FlushInterval"/> for companions before its batch is committed, so the interval is the
/// price in latency of sharing one round trip among many writers.
/// </summary>
internal sealed class GrainStateStoreOptions
{
    /// <summary>How long a batch stays open for more writes after its first one. Default: 50 ms.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Most snapshots in one batch (one round trip, one transaction); a full batch flushes at once. Default: 1,000.</summary>
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>
    /// Most snapshots buffered or being flushed. A writer beyond it waits for a flush (backpressure), so memory
    /// stays bounded when the database is slower than the writers. Default: 100,000.
    /// </summary>
    public int MaxPending { get; set; } = 100_000;

    /// <summary>Throws <see cref="ArgumentException"/> with the setting at fault.</summary>
    public void Validate()
    {
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"The grain-state flush interval must be between 0 and 1 hour; it is {FlushInterval}.", nameof(FlushInterval));
        }

        if (MaxBatch is < 1 or > 100_000)
        {
            throw new ArgumentException($"The grain-state batch size must be between 1 and 100,000; it is {MaxBatch}.", nameof(MaxBatch));
        }

        if (MaxPending is < 1 or > 10_000_000)
        {
            throw new ArgumentException($"The grain-state pending limit must be between 1 and 10,000,000; it is {MaxPending}.", nameof(MaxPending));
        }
    }
}
