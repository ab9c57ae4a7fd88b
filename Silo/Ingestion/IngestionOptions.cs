namespace FraudActors.Silo.Ingestion;

/// <summary>Settings of stream ingestion.</summary>
public sealed class IngestionOptions
{
    /// <summary>
    /// Grain calls one partition may have in flight (default 64). Order per card holds regardless (a grain's
    /// mailbox is FIFO); the window only hides latency such as a grain loading its state.
    /// </summary>
    public int MaxInFlightPerPartition { get; set; } = 64;
}
