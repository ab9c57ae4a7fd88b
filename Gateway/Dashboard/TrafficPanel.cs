namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// Transactions through the stream and the decisions taken. Rates and percentiles cover the sampling interval;
/// counts are totals since start. Ratios are null until they have a denominator.
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
    double? EndToEndP99Ms);
