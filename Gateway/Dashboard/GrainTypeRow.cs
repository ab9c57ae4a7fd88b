namespace FraudActors.Gateway.Dashboard;

/// <summary>One grain type; rates and turn percentiles cover the sampling interval (percentiles null when no turn ran in it).</summary>
internal sealed record GrainTypeRow(
    string GrainType,
    int LiveActivations,
    double MessagesPerSecond,
    double ActivationsPerMinute,
    double DeactivationsPerMinute,
    double? TurnP50Ms,
    double? TurnP99Ms,
    long Errors);
