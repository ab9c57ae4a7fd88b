namespace FraudActors.Gateway.Dashboard;

/// <summary>One live member of the cluster as the Cluster panel lists it; process figures are in the panel for the local silo only.</summary>
internal sealed record SiloRow(string SiloId, string Address, double UptimeSeconds, IReadOnlyList<int> Partitions, bool IsLocal);
