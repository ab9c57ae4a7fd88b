namespace FraudActors.Silo.Audit;

/// <summary>Monitoring figures of the live model over a window of decision time.</summary>
/// <param name="Volume">Decisions in the window.</param>
/// <param name="MeanProbability">Mean fraud probability; null without decisions.</param>
/// <param name="LatencyP50Microseconds">Median append-to-decision latency (continuous percentile); null without decisions.</param>
/// <param name="LatencyP99Microseconds">99th percentile of the same.</param>
/// <param name="Models">Decisions per model version, ordered by name then version.</param>
/// <param name="Labels">How the window's decisions fared against the labels known so far.</param>
internal sealed record AuditReport(
    DateTimeOffset From,
    DateTimeOffset To,
    long Volume,
    long Approved,
    long Reviewed,
    long Declined,
    double? MeanProbability,
    double? LatencyP50Microseconds,
    double? LatencyP99Microseconds,
    IReadOnlyList<ModelVersionShare> Models,
    LabelledOutcomes Labels)
{
    /// <summary>Share of decisions that raised an alert (review or decline).</summary>
    public double? AlertRate => Volume == 0 ? null : (double)(Reviewed + Declined) / Volume;

    public double? DeclineRate => Volume == 0 ? null : (double)Declined / Volume;
}
