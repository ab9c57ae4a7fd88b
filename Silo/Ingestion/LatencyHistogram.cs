namespace FraudActors.Silo.Ingestion;

/// <summary>
/// A lock-free latency histogram with logarithmic buckets (~9% wide, 1 µs to ~70 s), cheap enough for every
/// record. Percentiles are read from the difference of two snapshots, so a reporter can show the last interval.
/// </summary>
public sealed class LatencyHistogram
{
    private const double MinMicroseconds = 1;
    private const double Growth = 1.09;
    private const int Buckets = 210;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _counts = new long[Buckets];

    public void Record(TimeSpan elapsed)
    {
        var micros = elapsed.Ticks / 10.0;
        var bucket = micros <= MinMicroseconds ? 0 : Math.Min(Buckets - 1, (int)(Math.Log(micros / MinMicroseconds) / LogGrowth) + 1);
        Interlocked.Increment(ref _counts[bucket]);
    }

    public long[] Snapshot()
    {
        var copy = new long[Buckets];
        for (var i = 0; i < Buckets; i++)
        {
            copy[i] = Volatile.Read(ref _counts[i]);
        }

        return copy;
    }

    /// <summary>The q-quantile (0–1) of the records between two snapshots, as the upper edge of its bucket; null when none.</summary>
    public static TimeSpan? Quantile(long[] before, long[] after, double q)
    {
        long total = 0;
        for (var i = 0; i < Buckets; i++)
        {
            total += after[i] - before[i];
        }

        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += after[i] - before[i];
            if (seen >= Math.Max(1, rank))
            {
                return TimeSpan.FromTicks((long)(UpperMicroseconds(i) * 10));
            }
        }

        return TimeSpan.FromTicks((long)(UpperMicroseconds(Buckets - 1) * 10));
    }

    public static long[] Empty() => new long[Buckets];

    private static double UpperMicroseconds(int bucket) => MinMicroseconds * Math.Pow(Growth, bucket);
}
