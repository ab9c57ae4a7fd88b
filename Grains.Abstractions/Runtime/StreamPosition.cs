namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>
/// A position in a partitioned stream (a Kafka partition and offset). A snapshot carries the position
/// of the last event it reflects, so after a crash the owner replays from there without losing or
/// double-counting an event.
/// </summary>
public readonly record struct StreamPosition(int Partition, long Offset);
