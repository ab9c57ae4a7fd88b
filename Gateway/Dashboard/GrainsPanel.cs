namespace FraudActors.Gateway.Dashboard;

/// <summary>The grain runtime: totals, rates over the sampling interval, and one row per grain type.</summary>
internal sealed record GrainsPanel(
    int LiveActivations,
    int MaxActivations,
    double MessagesPerSecond,
    double ActivationsPerSecond,
    double DeactivationsPerSecond,
    long Errors,
    IReadOnlyList<GrainTypeRow> Types);
