using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Grains.Features;

/// <summary>
/// Lays out the card-behaviour model's input vector (<see cref="FeatureSchema.CardBehaviour"/>). The trainer's
/// replay and the live silo both call this, so training and serving cannot disagree on the column order.
/// </summary>
internal static class ModelInput
{
    public static int Width => CardFeatures.Count + MerchantFeatures.Count;

    public static void Write(in CardFeatures card, in MerchantFeatures merchant, Span<float> destination)
    {
        card.CopyTo(destination);
        merchant.CopyTo(destination[CardFeatures.Count..]);
    }

    /// <summary>Columns computed from the card's history (ablation: "without the per-card windows").</summary>
    public static IReadOnlyList<int> CardWindowColumns { get; } = Indexes(
        "tx_count_10m", "tx_count_1h", "tx_count_24h", "amount_sum_10m", "amount_mean_24h", "tx_count_7d",
        "amount_mean_7d", "tx_count_30d", "amount_mean_30d", "amount_zscore", "distinct_cities_1h",
        "seconds_since_previous", "speed_kmh", "new_merchant_category", "new_device");

    /// <summary>Columns computed from the merchant's confirmed-fraud history.</summary>
    public static IReadOnlyList<int> MerchantWindowColumns { get; } = Indexes([.. MerchantFeatures.Names]);

    private static int[] Indexes(params string[] names)
    {
        var features = FeatureSchema.CardBehaviour.Features;
        var result = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            result[i] = IndexOf(features, names[i]);
            if (result[i] < 0)
            {
                throw new InvalidOperationException($"Feature '{names[i]}' is not in the card-behaviour schema.");
            }
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> features, string name)
    {
        for (var i = 0; i < features.Count; i++)
        {
            if (features[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
