namespace FraudActors.Gateway.Dashboard;

/// <summary>One grain type; turn percentiles cover the sampling interval and are null when no turn ran in it.</summary>
internal sealed record GrainTypeRow(
    string GrainType,
    int LiveActivations,
    double MessagesPerSecond,
    double ActivationsPerSecond,
    double DeactivationsPerSecond,
    double? TurnP50Ms,
    double? TurnP99Ms,
    long Errors);
