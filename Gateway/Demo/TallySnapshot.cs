namespace FraudActors.Gateway.Demo;

/// <summary>The decision counters at one instant.</summary>
internal sealed record TallySnapshot(
    long Approved,
    long Reviewed,
    long Declined,
    long Unscored,
    long Suspicious,
    long TruePositives,
    long FalsePositives,
    long FalseNegatives,
    long Frauds)
{
    /// <summary>Share of alerts (review or decline) that were fraud; NaN before any alert.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Share of frauds that raised an alert; NaN before any fraud.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);
}
