namespace FraudActors.Grains.Scoring;

/// <summary>Shadow scoring: how much of the traffic a loaded challenger sees, and how much may wait for it.</summary>
internal sealed class ShadowOptions
{
    /// <summary>Share of scored transactions copied to the challenger, in [0, 1] (every n-th, not random). Default: 1.</summary>
    public double Share { get; set; } = 1.0;

    /// <summary>Copies that may wait for the shadow scorer; beyond that they are dropped and counted, never waited for. Default: 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often each silo adds its tallies to the registry grain's persisted figures. Default: 5 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentException"/> with the setting at fault.</summary>
    public void Validate()
    {
        if (!(Share is >= 0 and <= 1))
        {
            throw new ArgumentException($"Shadow:Share must be between 0 and 1; it is {Share}.", nameof(Share));
        }

        if (QueueCapacity is < 1 or > 10_000_000)
        {
            throw new ArgumentException($"Shadow:QueueCapacity must be between 1 and 10,000,000; it is {QueueCapacity}.", nameof(QueueCapacity));
        }

        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"Shadow:FlushInterval must be between 0 and 1 hour; it is {FlushInterval}.", nameof(FlushInterval));
        }
    }
}
