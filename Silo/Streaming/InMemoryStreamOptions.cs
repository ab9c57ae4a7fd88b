namespace FraudActors.Silo.Streaming;

/// <summary>Settings of the embedded stream.</summary>
public sealed class InMemoryStreamOptions
{
    /// <summary>Partitions (default 8): the unit of ordering and of parallel ingestion.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>Records a partition may hold before producers wait (default 10,000).</summary>
    public int CapacityPerPartition { get; set; } = 10_000;
}
