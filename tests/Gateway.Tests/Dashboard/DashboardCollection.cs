namespace FraudActors.Gateway.Tests.Dashboard;

/// <summary>The dashboard tests share one running demo on a loopback port.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}
