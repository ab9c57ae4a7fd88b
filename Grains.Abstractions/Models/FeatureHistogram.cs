namespace FraudActors.Grains.Abstractions.Models;

/// <summary>
/// A reference distribution for drift: <paramref name="Edges"/> are the inner bin edges (n edges → n + 1
/// bins, bin i holds values in [edge[i−1], edge[i])); <paramref name="Shares"/> the share of reference rows
/// per bin; <paramref name="MissingShare"/> the share of NaN values.
/// </summary>
public sealed record FeatureHistogram(string Feature, IReadOnlyList<float> Edges, IReadOnlyList<double> Shares, double MissingShare)
{
    /// <summary>The bin that holds <paramref name="value"/> (not NaN).</summary>
    public int BinOf(float value)
    {
        var lo = 0;
        var hi = Edges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (value < Edges[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
