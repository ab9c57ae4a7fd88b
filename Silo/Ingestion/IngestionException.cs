using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Ingestion;

/// <summary>A grain failed on a record; names the partition, offset and transaction.</summary>
public sealed class IngestionException(StreamRecord record, Exception inner)
    : Exception($"Processing transaction '{record.Transaction.TransactionId}' at partition {record.Partition}, offset {record.Offset} failed: {inner.Message}", inner)
{
    public StreamRecord Record { get; } = record;
}
