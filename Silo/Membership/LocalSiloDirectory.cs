namespace FraudActors.Silo.Membership;

/// <summary>The embedded default: this process is the whole cluster and owns every partition.</summary>
internal sealed class LocalSiloDirectory : ISiloDirectory
{
    private readonly TimeProvider _time;
    private readonly SiloMember _local;

    public LocalSiloDirectory(int partitionCount, string address, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        _time = time;
        PartitionCount = partitionCount;
        var now = time.GetUtcNow();
        _local = new SiloMember(SiloIdentity.Create(now), address, now, now, Enumerable.Range(0, partitionCount).ToArray(), IsLocal: true);
    }

    public SiloMember Local => _local with { HeartbeatAt = _time.GetUtcNow() };

    public int PartitionCount { get; }

    public Task<IReadOnlyList<SiloMember>> GetMembersAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SiloMember>>([Local]);

    public Task<SiloMember?> FindOwnerAsync(int partition, CancellationToken cancellationToken = default) =>
        Task.FromResult<SiloMember?>(partition >= 0 && partition < PartitionCount ? Local : null);
}
