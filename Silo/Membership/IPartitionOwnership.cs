namespace FraudActors.Silo.Membership;

/// <summary>What this silo owns right now, as its stream consumer knows it (the Kafka consumer group's assignment).</summary>
internal interface IPartitionOwnership
{
    /// <summary>Partitions of the transactions topic; 0 until known.</summary>
    int PartitionCount { get; }

    /// <summary>The partitions assigned to this silo.</summary>
    IReadOnlyCollection<int> AssignedPartitions { get; }

    /// <summary>True when this silo owns <paramref name="partition"/> now (cheap: called per request).</summary>
    bool Owns(int partition);
}
