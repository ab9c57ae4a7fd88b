namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>One published version as listings show it, without the booster.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Version">The version number, from 1.</param>
/// <param name="Algorithm">The trainer's winning candidate, e.g. "gbtree".</param>
/// <param name="SchemaHash">The feature schema's hash, to tell at a glance whether a silo can serve it.</param>
/// <param name="CreatedAt">When the trainer built the package (UTC).</param>
/// <param name="PublishedAt">When the registry accepted it (UTC).</param>
/// <param name="PublishedBy">Who published it.</param>
/// <param name="Reason">Why it was published.</param>
/// <param name="Metrics">The package's named figures, e.g. "test.average_precision".</param>
/// <param name="Aliases">The aliases that point at this version now, in ordinal order.</param>
/// <param name="Status">A <see cref="ModelStatuses"/> value, or the name of a custom alias.</param>
public sealed record ModelVersionSummary(
    string Model,
    int Version,
    string Algorithm,
    string SchemaHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    string Reason,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Aliases,
    string Status);
