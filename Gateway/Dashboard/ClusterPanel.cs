namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// The cluster's members (from the silo directory), this silo's process (uptime, CPU over the sampling interval,
/// memory, GC) and the stream partitions it consumes with their lag. <c>Ingestion</c> is "in-memory" or "kafka";
/// <c>MembershipError</c> says why the member list may be missing.
/// </summary>
internal sealed record ClusterPanel(
    string Silo,
    double UptimeSeconds,
    double CpuPercent,
    long WorkingSetBytes,
    long GcHeapBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    IReadOnlyList<PartitionRow> Partitions,
    IReadOnlyList<SiloRow> Silos,
    string Ingestion,
    long ConsumerLag,
    string? MembershipError);
