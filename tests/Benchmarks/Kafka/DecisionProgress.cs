using FraudActors.Silo.Ingestion;

namespace FraudActors.Benchmarks.Kafka;

/// <summary>
/// Watches the pipeline's decision counter (<see cref="IngestionMetrics.ProcessedTotal"/>) every few milliseconds
/// from outside the silo, so the silo's code path is exactly production's: when the first decision of a phase came,
/// when the last, and how the count grew in between.
/// </summary>
internal sealed class DecisionProgress(IngestionMetrics metrics, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(2);
    private readonly List<(long At, long Count)> _samples = [];

    /// <summary>Waits until the counter reaches <paramref name="target"/>; fails when it stalls for <paramref name="stall"/>.</summary>
    public async Task<Phase> WaitAsync(long baseline, long target, TimeSpan stall)
    {
        _samples.Clear();
        using var tick = new PeriodicTimer(Interval, time);
        long first = 0, lastChange = time.GetTimestamp(), previous = baseline;
        while (true)
        {
            var count = metrics.ProcessedTotal;
            var now = time.GetTimestamp();
            if (count != previous)
            {
                if (first == 0)
                {
                    first = now;
                }

                previous = count;
                lastChange = now;
                _samples.Add((now, count - baseline));
            }

            if (count >= target)
            {
                return new Phase(first, now, count - baseline, [.. _samples]);
            }

            if (time.GetElapsedTime(lastChange) > stall)
            {
                throw new InvalidOperationException($"Decisions stalled at {count - baseline:N0} of {target - baseline:N0} for {stall.TotalSeconds:F0} s.");
            }

            await tick.WaitForNextTickAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A phase's first and last decision (timestamps) and the count over time.</summary>
    internal sealed record Phase(long First, long Last, long Count, (long At, long Count)[] Samples)
    {
        public double Seconds(TimeProvider time) => time.GetElapsedTime(First, Last).TotalSeconds;

        /// <summary>Decisions/s between the moments the count crossed <paramref name="from"/> and <paramref name="to"/> (fractions).</summary>
        public double RateBetween(double from, double to, TimeProvider time)
        {
            var low = (long)(Count * from);
            var high = (long)(Count * to);
            (long At, long Count)? start = null, end = null;
            foreach (var sample in Samples)
            {
                if (start is null && sample.Count >= low)
                {
                    start = sample;
                }

                if (sample.Count >= high)
                {
                    end = sample;
                    break;
                }
            }

            if (start is not { } s || end is not { } e || e.At <= s.At)
            {
                return double.NaN;
            }

            return (e.Count - s.Count) / time.GetElapsedTime(s.At, e.At).TotalSeconds;
        }
    }
}
