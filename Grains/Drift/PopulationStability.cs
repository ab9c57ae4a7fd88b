using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Grains.Drift;

/// <summary>
/// Population stability index of live values against a reference histogram:
/// PSI = Σ (live − ref) · ln(live / ref) over the bins plus a "missing" bin, with shares floored at
/// <see cref="Floor"/> so an empty bin does not make it infinite. Usual reading: &lt; 0.1 stable,
/// 0.1–0.2 moderate, &gt; 0.2 significant drift.
/// </summary>
internal static class PopulationStability
{
    public const double Floor = 1e-4;
    public const double WarningLevel = 0.2;

    /// <param name="reference">The model's reference histogram.</param>
    /// <param name="liveCounts">Live counts per bin (length = bins of the reference).</param>
    /// <param name="liveMissing">Live count of missing values.</param>
    public static double Index(FeatureHistogram reference, ReadOnlySpan<long> liveCounts, long liveMissing)
    {
        if (liveCounts.Length != reference.Shares.Count)
        {
            throw new ArgumentException($"Expected {reference.Shares.Count} bins, got {liveCounts.Length}.", nameof(liveCounts));
        }

        long total = liveMissing;
        foreach (var count in liveCounts)
        {
            total += count;
        }

        if (total == 0)
        {
            return 0;
        }

        var presentShare = 1 - reference.MissingShare;
        var psi = Term(reference.MissingShare, (double)liveMissing / total);
        for (var i = 0; i < liveCounts.Length; i++)
        {
            psi += Term(reference.Shares[i] * presentShare, (double)liveCounts[i] / total);
        }

        return psi;
    }

    private static double Term(double expected, double actual)
    {
        expected = Math.Max(expected, Floor);
        actual = Math.Max(actual, Floor);
        return (actual - expected) * Math.Log(actual / expected);
    }
}
