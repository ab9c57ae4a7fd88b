using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Grains.Tests.Cardholder;

/// <summary>Feature-by-feature comparison: counts and flags exact, sums relative 1e-4, NaN only where NaN is expected.</summary>
internal static class FeatureAssertions
{
    private static readonly HashSet<string> Exact =
    [
        "is_online", "tx_count_10m", "tx_count_1h", "tx_count_24h", "tx_count_7d", "tx_count_30d", "distinct_cities_1h",
        "new_merchant_category", "new_device", "hour_of_day", "is_weekend", "merchant_category_risk", "amount",
    ];

    /// <summary>Null when equal, else a line naming the first feature that differs.</summary>
    public static string? Difference(CardFeatures expected, CardFeatures actual)
    {
        Span<float> e = stackalloc float[CardFeatures.Count];
        Span<float> a = stackalloc float[CardFeatures.Count];
        expected.CopyTo(e);
        actual.CopyTo(a);
        for (var i = 0; i < CardFeatures.Count; i++)
        {
            var name = CardFeatures.Names[i];
            if (!Same(name, e[i], a[i]))
            {
                return $"{name}: expected {e[i]:R}, got {a[i]:R}";
            }
        }

        return null;
    }

    private static bool Same(string name, float expected, float actual)
    {
        if (float.IsNaN(expected) || float.IsNaN(actual))
        {
            return float.IsNaN(expected) && float.IsNaN(actual);
        }

        if (Exact.Contains(name))
        {
            return expected == actual;
        }

        // z-score is a difference of nearly equal numbers when the amount sits at the mean: also allow a small absolute error.
        var tolerance = (1e-4 * Math.Max(Math.Abs(expected), Math.Abs(actual))) + (name == "amount_zscore" ? 1e-4 : 1e-6);
        return Math.Abs(expected - actual) <= tolerance;
    }
}
