namespace FraudActors.Silo.Runtime.Diagnostics;

/// <summary>A point-in-time view of the grain runtime, for the dashboard.</summary>
/// <param name="CapturedAt">When the snapshot was taken (runtime clock).</param>
/// <param name="LiveActivations">All live activations.</param>
/// <param name="MaxActivations">The configured cap.</param>
/// <param name="GrainTypes">One entry per registered grain type, in registration order.</param>
public sealed record GrainRuntimeStatistics(
    DateTimeOffset CapturedAt,
    int LiveActivations,
    int MaxActivations,
    IReadOnlyList<GrainTypeStatistics> GrainTypes)
{
    public long TotalMessages => Sum(static t => t.Messages);

    public long TotalActivations => Sum(static t => t.Activations);

    public long TotalDeactivations => Sum(static t => t.Deactivations);

    public long TotalErrors => Sum(static t => t.Errors);

    private long Sum(Func<GrainTypeStatistics, long> select)
    {
        long sum = 0;
        foreach (var type in GrainTypes)
        {
            sum += select(type);
        }

        return sum;
    }
}
