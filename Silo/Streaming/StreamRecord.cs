using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Silo.Streaming;

/// <summary>One record of the transaction stream, where it sits, and when it was appended (for end-to-end latency).</summary>
/// <param name="Partition">The partition (murmur2 of the card id).</param>
/// <param name="Offset">Its offset within the partition.</param>
/// <param name="Transaction">The parsed transaction.</param>
/// <param name="AppendedTimestamp">TimeProvider timestamp taken when it was appended.</param>
public readonly record struct StreamRecord(int Partition, long Offset, CardTransaction Transaction, long AppendedTimestamp);
