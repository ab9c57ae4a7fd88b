namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>One move of an alias, as the append-only alias history records it.</summary>
/// <param name="Sequence">Store-wide, increasing in commit order; the resume point of <see cref="IModelRegistryStore.WatchAsync"/>.</param>
/// <param name="Model">The model name.</param>
/// <param name="Alias">The alias that moved, e.g. "champion".</param>
/// <param name="PreviousVersion">Where the alias pointed before (null: it was not set).</param>
/// <param name="NewVersion">Where it points now (null: it was removed).</param>
/// <param name="ChangedBy">Who moved it.</param>
/// <param name="ChangedAt">When (UTC).</param>
/// <param name="Reason">Why.</param>
/// <param name="Forced">True when a promotion gate was overridden.</param>
public sealed record AliasChange(
    long Sequence,
    string Model,
    string Alias,
    int? PreviousVersion,
    int? NewVersion,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    string Reason,
    bool Forced);
