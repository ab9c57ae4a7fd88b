namespace FraudActors.Silo.Audit;

/// <summary>PostgreSQL's <c>percentile_cont</c>, for stores that lack it: linear interpolation between the closest ranks.</summary>
internal static class LatencyPercentile
{
    /// <summary>The <paramref name="fraction"/> percentile of <paramref name="sorted"/> (ascending); null when empty.</summary>
    public static double? Continuous(ReadOnlySpan<long> sorted, double fraction)
    {
        if (sorted.IsEmpty)
        {
            return null;
        }

        var position = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var first = (double)sorted[lower];
        return first + ((sorted[upper] - first) * (position - lower));
    }
}
