using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Silo.Ingestion;

/// <summary>
/// Plain rules a fraud analyst would start from, used to show what the windows see before any model exists:
/// impossible travel, a burst, a large deviation from the card's habit, or many cities within the hour.
/// </summary>
public static class SuspicionRules
{
    public static bool IsSuspicious(in CardFeatures features) =>
        features.SpeedKmh > 900f
        || features.TxCount10m >= 5f
        || features.AmountZScore > 4f
        || features.DistinctCities1h >= 3f;
}
