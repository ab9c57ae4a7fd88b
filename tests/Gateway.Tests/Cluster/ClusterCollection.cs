namespace FraudActors.Gateway.Tests.Cluster;

/// <summary>Multi-process cluster tests run alone: three silo processes already fill both cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
