namespace FraudActors.Silo.Tests.Audit;

/// <summary>Tests that take the shared test server down: they run alone, after every parallel test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresOutageCollection
{
    public const string Name = "PostgreSQL outage";
}
