namespace FraudActors.Gateway.Dashboard;

/// <summary>One sample of the traffic series: throughput and end-to-end latency percentiles over the second before <c>At</c>.</summary>
internal sealed record LatencyPoint(DateTimeOffset At, double TransactionsPerSecond, double? P50Ms, double? P99Ms);
