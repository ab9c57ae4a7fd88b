namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// Transactions through the stream and the decisions taken. Rates and percentiles cover the sampling interval;
/// counts are totals since start. Ratios are null until they have a denominator. <c>ScoreHistogram</c> counts the
/// scored decisions of the last <c>ScoreWindowSeconds</c> in <see cref="LiveDistributions.ScoreBins"/> equal bins
/// over [0, 1]; <c>Series</c> is one point per sample over the last few minutes, oldest first.
/// </summary>
internal sealed record TrafficPanel(
    long ProcessedTotal,
    long FailedTotal,
    double TransactionsPerSecond,
    long Approved,
    long Reviewed,
    long Declined,
    long Unscored,
    long Suspicious,
    double? AlertRate,
    double? Precision,
    double? Recall,
    double? EndToEndP50Ms,
    double? EndToEndP99Ms,
    IReadOnlyList<long> ScoreHistogram,
    double ScoreWindowSeconds,
    IReadOnlyList<LatencyPoint> Series);
