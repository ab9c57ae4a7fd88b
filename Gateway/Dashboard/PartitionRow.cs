namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// One stream partition this silo consumes: the highest offset it has fully processed (-1 before the first; null where the consumer does not say) and
/// the records waiting behind it (Kafka: high watermark − position at the last commit round; in-memory: queued records).
/// </summary>
internal sealed record PartitionRow(int Partition, long? CompletedOffset, long Lag);
