namespace FraudActors.Silo.Hosting;

/// <summary>Settings of the in-process grain runtime (see <see cref="GrainRuntimeServiceCollectionExtensions.AddGrainRuntime"/>).</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>An activation that received no message for this long is deactivated (its state saved). Default 10 minutes.</summary>
    public TimeSpan IdleAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Cap on live activations. When exceeded, the least recently used activations are deactivated in the
    /// background until 95 % of the cap remain, so the count may briefly overshoot. Default 1,000,000.
    /// </summary>
    public int MaxActivations { get; set; } = 1_000_000;

    /// <summary>How often the idle collector runs; idle ages are honoured to within this. Default 1 minute.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Pool size of a stateless worker without an explicit size. Default: one per core.</summary>
    public int StatelessWorkerPoolSize { get; set; } = Environment.ProcessorCount;
}
