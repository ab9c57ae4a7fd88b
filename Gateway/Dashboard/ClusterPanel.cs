namespace FraudActors.Gateway.Dashboard;

/// <summary>This silo's process: uptime, CPU over the sampling interval, memory, GC, and the stream partitions it consumes.</summary>
internal sealed record ClusterPanel(
    string Silo,
    double UptimeSeconds,
    double CpuPercent,
    long WorkingSetBytes,
    long GcHeapBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    IReadOnlyList<PartitionRow> Partitions);
