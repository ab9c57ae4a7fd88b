namespace FraudActors.Grains.Registry;

/// <summary>
/// The promotion gate's limits. Average precision is read from the package metrics
/// <c>test.average_precision</c> (the out-of-time test period), else <c>valid.average_precision</c>.
/// </summary>
internal sealed class PromotionGateOptions
{
    /// <summary>A champion needs at least this held-out average precision. Default: 0.2.</summary>
    public double MinAveragePrecision { get; set; } = 0.2;

    /// <summary>A champion may be worse than the current one by at most this much average precision. Default: 0.02.</summary>
    public double MaxAveragePrecisionDrop { get; set; } = 0.02;

    /// <summary>Rows drawn from the package's reference histograms for the sanity check (plus a few extreme rows). Default: 4,000.</summary>
    public int SampleRows { get; set; } = 4_000;

    /// <summary>The seed of the sanity sample, so a gate verdict can be reproduced. Default: 17.</summary>
    public int SampleSeed { get; set; } = 17;

    /// <summary>Throws <see cref="ArgumentException"/> with the setting at fault.</summary>
    public void Validate()
    {
        if (!(MinAveragePrecision is >= 0 and <= 1))
        {
            throw new ArgumentException($"MinAveragePrecision must be between 0 and 1; it is {MinAveragePrecision}.", nameof(MinAveragePrecision));
        }

        if (!(MaxAveragePrecisionDrop is >= 0 and <= 1))
        {
            throw new ArgumentException($"MaxAveragePrecisionDrop must be between 0 and 1; it is {MaxAveragePrecisionDrop}.", nameof(MaxAveragePrecisionDrop));
        }

        if (SampleRows is < 1 or > 1_000_000)
        {
            throw new ArgumentException($"SampleRows must be between 1 and 1,000,000; it is {SampleRows}.", nameof(SampleRows));
        }
    }
}
