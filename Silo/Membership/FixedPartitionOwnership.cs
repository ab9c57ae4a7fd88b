namespace FraudActors.Silo.Membership;

/// <summary>A silo that owns every partition of its stream (the embedded default).</summary>
internal sealed class FixedPartitionOwnership(int partitionCount) : IPartitionOwnership
{
    private readonly int[] _all = Enumerable.Range(0, partitionCount).ToArray();

    public int PartitionCount => partitionCount;

    public IReadOnlyCollection<int> AssignedPartitions => _all;

    public bool Owns(int partition) => partition >= 0 && partition < partitionCount;
}
