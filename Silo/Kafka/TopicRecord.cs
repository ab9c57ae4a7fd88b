namespace FraudActors.Silo.Kafka;

/// <summary>One record read back from a topic (tests, the demo's decision tail): where it sits, key, value and headers.</summary>
internal sealed record TopicRecord(int Partition, long Offset, string? Key, byte[] Value, IReadOnlyDictionary<string, string> Headers);
