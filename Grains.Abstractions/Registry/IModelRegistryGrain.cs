using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>
/// One registered model (key = model name, e.g. "card-behaviour"): promotion through the validation gate,
/// rollback, status, and the shadow comparison of its challenger against its champion.
/// </summary>
public interface IModelRegistryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the promotion gate for <paramref name="version"/> and, when it passes (or <paramref name="force"/> is set),
    /// points <paramref name="alias"/> (<see cref="ModelAliases.Champion"/> or <see cref="ModelAliases.Challenger"/>)
    /// at it. Returns once this silo serves the version (or the serve timeout passed: see
    /// <see cref="PromotionResult.Served"/>), so a caller that sees the result can rely on the next scoring call.
    /// </summary>
    /// <exception cref="ModelVersionNotFoundException">The version was never published.</exception>
    ValueTask<PromotionResult> PromoteAsync(int version, string alias, bool force, string by, string reason);

    /// <summary>Points the champion back at the version it had before its latest move; waits for this silo to serve it.</summary>
    ValueTask<RollbackResult> RollbackAsync(string by, string reason);

    /// <summary>Versions, aliases, what this silo serves, the tail of the alias history and the shadow figures.</summary>
    ValueTask<ModelRegistryStatus> GetStatusAsync();

    /// <summary>Shadow figures per (champion version, challenger version), including this silo's not yet persisted share.</summary>
    ValueTask<IReadOnlyList<ShadowStats>> GetShadowStatsAsync();

    /// <summary>Adds this silo's shadow tallies since the last flush to the persisted figures (the silo calls it periodically).</summary>
    ValueTask FlushShadowAsync();
}
