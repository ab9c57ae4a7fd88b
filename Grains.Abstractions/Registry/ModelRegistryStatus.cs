namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>A model as the registry grain sees it.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Versions">Every published version with its aliases and status.</param>
/// <param name="Champion">The version the champion alias points at.</param>
/// <param name="Challenger">The version the challenger alias points at.</param>
/// <param name="ServingChampion">The champion version this silo scores with now (may lag the alias briefly).</param>
/// <param name="ServingChallenger">The challenger version this silo shadow-scores with now.</param>
/// <param name="History">The latest alias moves, oldest first.</param>
/// <param name="Shadow">Shadow figures per (champion, challenger) pair.</param>
/// <param name="ShadowDropped">Shadow copies this silo dropped because its queue was full (never blocks scoring).</param>
public sealed record ModelRegistryStatus(
    string Model,
    IReadOnlyList<ModelVersionSummary> Versions,
    int? Champion,
    int? Challenger,
    int? ServingChampion,
    int? ServingChallenger,
    IReadOnlyList<AliasChange> History,
    IReadOnlyList<ShadowStats> Shadow,
    long ShadowDropped);
