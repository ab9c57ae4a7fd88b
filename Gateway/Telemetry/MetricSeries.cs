namespace FraudActors.Gateway.Telemetry;

/// <summary>One label set of one instrument: its value, or its histogram counts. Guarded by the owning aggregate's lock.</summary>
internal sealed class MetricSeries(KeyValuePair<string, object?>[] tags, int bucketCount)
{
    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public double Value { get; set; }

    /// <summary>Histogram counts per bucket (not cumulative); the last one is the +Inf bucket.</summary>
    public long[] Buckets { get; } = bucketCount == 0 ? [] : new long[bucketCount];

    public long Count { get; set; }

    /// <summary>Collection in which an observable instrument last reported this series.</summary>
    public long Generation { get; set; }

    /// <summary>Same tag set, in any order (tags are few, so pairwise comparison beats hashing and allocates nothing).</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            var found = false;
            foreach (var own in Tags)
            {
                if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal))
                {
                    found = Equals(own.Value, tag.Value);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
