namespace FraudActors.Silo.Membership;

/// <summary>
/// Who is in the cluster and which silo owns which partition: what the gateway routes by and the dashboard shows.
/// The embedded default has one member owning every partition; a Kafka deployment reads the membership table in
/// PostgreSQL that every silo keeps current with heartbeats.
/// </summary>
internal interface ISiloDirectory
{
    /// <summary>The silo this process hosts.</summary>
    SiloMember Local { get; }

    /// <summary>Partitions of the transactions stream; a card's partition is <c>Murmur2Partitioner.Partition(cardId, PartitionCount)</c>. 0 while unknown.</summary>
    int PartitionCount { get; }

    /// <summary>The live members (heartbeat not expired), the local silo included.</summary>
    Task<IReadOnlyList<SiloMember>> GetMembersAsync(CancellationToken cancellationToken = default);

    /// <summary>The live member owning <paramref name="partition"/>, or null when no live member does (mid-rebalance, crash).</summary>
    Task<SiloMember?> FindOwnerAsync(int partition, CancellationToken cancellationToken = default);

    /// <summary>Drops any cached read, so the next lookup sees the membership as it is now (after a failed forward).</summary>
    void Invalidate();
}
