namespace FraudActors.Silo.Tests.Storage;

/// <summary>Marks a test class whose inherited <see cref="StoreFactAttribute"/> tests need the PostgreSQL server.</summary>
public interface IRequiresPostgres;
