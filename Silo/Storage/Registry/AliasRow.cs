namespace FraudActors.Silo.Storage.Registry;

/// <summary>One current alias, as both stores read it.</summary>
internal readonly record struct AliasRow(string Model, string Alias, int Version);
