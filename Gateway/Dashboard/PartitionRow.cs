namespace FraudActors.Gateway.Dashboard;

/// <summary>One stream partition this silo consumes and the highest offset it has fully processed (-1 before the first).</summary>
internal sealed record PartitionRow(int Partition, long CompletedOffset);
