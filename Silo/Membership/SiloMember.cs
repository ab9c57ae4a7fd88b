namespace FraudActors.Silo.Membership;

/// <summary>One silo of the cluster as the membership table records it.</summary>
/// <param name="SiloId">Unique per process start (host name, process id and start time).</param>
/// <param name="Address">The base URL its gateway answers on (e.g. <c>http://10.0.0.5:8080</c>); forwarded requests go there.</param>
/// <param name="StartedAt">When the silo started.</param>
/// <param name="HeartbeatAt">Its latest heartbeat; a member whose heartbeat is older than the expiry is presumed dead.</param>
/// <param name="Partitions">The stream partitions it owns, ascending.</param>
/// <param name="IsLocal">True for the silo this process hosts.</param>
internal sealed record SiloMember(
    string SiloId,
    string Address,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    IReadOnlyList<int> Partitions,
    bool IsLocal);
