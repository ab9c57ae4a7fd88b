namespace FraudActors.Silo.Storage.Registry;

/// <summary>The listing columns of one stored version, as both stores read them.</summary>
internal sealed record PublishedVersionRow(
    string Model,
    int Version,
    string Algorithm,
    string SchemaHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    string Reason,
    IReadOnlyDictionary<string, double> Metrics);
