namespace FraudActors.Silo.Membership;

/// <summary>A one-silo cluster: this process owns whatever its stream assigns it (every partition of the in-memory stream).</summary>
internal sealed class LocalSiloDirectory : ISiloDirectory
{
    private readonly IPartitionOwnership _ownership;
    private readonly string _address;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private readonly string _siloId;

    public LocalSiloDirectory(IPartitionOwnership ownership, string address, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ownership);
        _ownership = ownership;
        _address = address;
        _time = time;
        _startedAt = time.GetUtcNow();
        _siloId = SiloIdentity.Create(_startedAt);
    }

    public SiloMember Local
    {
        get
        {
            var partitions = _ownership.AssignedPartitions.ToArray();
            Array.Sort(partitions);
            return new SiloMember(_siloId, _address, _startedAt, _time.GetUtcNow(), partitions, IsLocal: true);
        }
    }

    public int PartitionCount => _ownership.PartitionCount;

    public Task<IReadOnlyList<SiloMember>> GetMembersAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SiloMember>>([Local]);

    public Task<SiloMember?> FindOwnerAsync(int partition, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ownership.Owns(partition) ? Local : null);

    public void Invalidate()
    {
    }
}
