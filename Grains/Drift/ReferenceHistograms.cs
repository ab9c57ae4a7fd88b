using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Grains.Drift;

/// <summary>Builds the reference distributions a model package carries for drift monitoring.</summary>
internal static class ReferenceHistograms
{
    public const int DefaultBins = 10;

    /// <summary>
    /// Quantile bins over the non-missing values (at most <paramref name="bins"/>; fewer when the feature
    /// has few distinct values, e.g. flags), so each bin of the reference holds a similar share.
    /// </summary>
    public static FeatureHistogram Build(string feature, ReadOnlySpan<float> values, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var present = new List<float>(values.Length);
        foreach (var value in values)
        {
            if (!float.IsNaN(value))
            {
                present.Add(value);
            }
        }

        var missingShare = values.Length == 0 ? 0 : (double)(values.Length - present.Count) / values.Length;
        if (present.Count == 0)
        {
            return new FeatureHistogram(feature, [], [1.0], missingShare);
        }

        present.Sort();
        var edges = new List<float>(bins - 1);
        for (var i = 1; i < bins; i++)
        {
            var edge = present[(int)((long)i * present.Count / bins)];
            // Equal quantiles collapse into one edge; the lowest value as an edge would leave an empty first bin.
            if (edge > present[0] && (edges.Count == 0 || edge > edges[^1]))
            {
                edges.Add(edge);
            }
        }

        var histogram = new FeatureHistogram(feature, edges, [], missingShare);
        var counts = new double[edges.Count + 1];
        foreach (var value in present)
        {
            counts[histogram.BinOf(value)]++;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] /= present.Count;
        }

        return histogram with { Shares = counts };
    }
}
