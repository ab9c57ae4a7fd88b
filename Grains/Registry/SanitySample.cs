using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Grains.Registry;

/// <summary>
/// A deterministic held-out sample for the promotion gate, built from the package's own reference histograms:
/// each value is NaN with the feature's missing share, else drawn uniformly inside a bin chosen by the bins'
/// shares (the open outer bins extend by the span of the edges). Extreme rows follow: all missing, all zero,
/// very large and very small values, so a booster that misbehaves at the edges is caught.
/// </summary>
internal static class SanitySample
{
    /// <summary>The values of the extreme rows, one row each; NaN is a missing value.</summary>
    public static IReadOnlyList<float> ExtremeValues { get; } = [float.NaN, 0f, 1e9f, -1e9f, 3e38f, -3e38f, float.Epsilon];

    /// <summary>
    /// <paramref name="rows"/> drawn rows then <see cref="ExtremeValues"/>.Count extreme rows, row-major, one column
    /// per schema feature (a feature without a histogram is drawn from [0, 1)).
    /// </summary>
    public static float[] Build(ModelPackage package, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var features = package.Schema.Features;
        var width = features.Count;
        var histograms = new FeatureHistogram?[width];
        var ranges = new (double First, double Span)[width];
        for (var j = 0; j < width; j++)
        {
            foreach (var histogram in package.Reference)
            {
                if (histogram.Feature == features[j])
                {
                    histograms[j] = histogram;
                    ranges[j] = FiniteRange(histogram.Edges);
                    break;
                }
            }
        }

        var total = rows + ExtremeValues.Count;
        var sample = new float[total * width];
        var random = new Random(seed);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < width; j++)
            {
                sample[(i * width) + j] = Draw(histograms[j], ranges[j], random);
            }
        }

        for (var e = 0; e < ExtremeValues.Count; e++)
        {
            sample.AsSpan((rows + e) * width, width).Fill(ExtremeValues[e]);
        }

        return sample;
    }

    internal static float Draw(FeatureHistogram? histogram, (double First, double Span) range, Random random)
    {
        if (histogram is null)
        {
            return (float)random.NextDouble();
        }

        if (random.NextDouble() < histogram.MissingShare)
        {
            return float.NaN;
        }

        var bin = PickBin(histogram.Shares, random.NextDouble());
        var (low, high) = Bounds(histogram.Edges, bin, range);
        var value = (float)(low + (random.NextDouble() * (high - low)));

        // Rounding to float may land on the upper edge, which belongs to the next bin.
        return value >= high && high > low ? (float)low : value;
    }

    private static int PickBin(IReadOnlyList<double> shares, double u)
    {
        var total = 0.0;
        foreach (var share in shares)
        {
            total += Math.Max(share, 0);
        }

        if (!(total > 0))
        {
            return 0;
        }

        var target = u * total;
        var cumulative = 0.0;
        for (var i = 0; i < shares.Count; i++)
        {
            cumulative += Math.Max(shares[i], 0);
            if (target < cumulative)
            {
                return i;
            }
        }

        // u close to 1 with rounding: the last bin that has any share.
        for (var i = shares.Count - 1; i > 0; i--)
        {
            if (shares[i] > 0)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>The first finite edge and the span of the finite edges (at least 1): how far the open outer bins reach.</summary>
    private static (double First, double Span) FiniteRange(IReadOnlyList<float> edges)
    {
        double? first = null;
        double last = 0;
        foreach (var edge in edges)
        {
            if (float.IsFinite(edge))
            {
                first ??= edge;
                last = edge;
            }
        }

        return first is { } low ? (low, Math.Max(last - low, 1.0)) : (0, 1);
    }

    /// <summary>[low, high) of bin <paramref name="bin"/>; an open or infinite side reaches one span past its finite neighbour.</summary>
    private static (double Low, double High) Bounds(IReadOnlyList<float> edges, int bin, (double First, double Span) range)
    {
        var low = bin == 0 ? double.NegativeInfinity : edges[Math.Min(bin - 1, edges.Count - 1)];
        var high = bin >= edges.Count ? double.PositiveInfinity : edges[bin];
        if (!double.IsFinite(low))
        {
            low = (double.IsFinite(high) ? high : range.First) - range.Span;
        }

        if (!double.IsFinite(high))
        {
            high = low + range.Span;
        }

        return (low, high);
    }
}
