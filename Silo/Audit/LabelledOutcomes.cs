namespace FraudActors.Silo.Audit;

/// <summary>
/// The confusion matrix of a window's decisions that have a label, with an alert (review or decline) as the
/// positive prediction and confirmed fraud as the positive class.
/// </summary>
internal sealed record LabelledOutcomes(long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives)
{
    public static LabelledOutcomes None { get; } = new(0, 0, 0, 0);

    public long Labelled => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    public long Frauds => TruePositives + FalseNegatives;

    /// <summary>Confirmed fraud among the labelled decisions; null without labels.</summary>
    public double? FraudRate => Labelled == 0 ? null : (double)Frauds / Labelled;

    /// <summary>Confirmed fraud among labelled alerts; null when no labelled decision raised an alert.</summary>
    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Labelled frauds that raised an alert; null when no labelled decision was fraud.</summary>
    public double? Recall => Frauds == 0 ? null : (double)TruePositives / Frauds;
}
