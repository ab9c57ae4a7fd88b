namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// The grain runtime: totals, rates over the sampling interval (activations and deactivations scaled to a minute),
/// and one row per grain type. Turn latency is per grain type: the runtime tags its turn histogram by type only.
/// </summary>
internal sealed record GrainsPanel(
    int LiveActivations,
    int MaxActivations,
    double MessagesPerSecond,
    double ActivationsPerMinute,
    double DeactivationsPerMinute,
    long Errors,
    IReadOnlyList<GrainTypeRow> Types,
    IReadOnlyList<GrainMethodRow> Methods);
