using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>
/// Durable home of published model versions and of the aliases (<see cref="ModelAliases.Champion"/>,
/// <see cref="ModelAliases.Challenger"/>, any other name) that say which version a silo serves. Versions are
/// immutable once published; aliases move, and every move is kept in an append-only history.
/// </summary>
public interface IModelRegistryStore
{
    /// <summary>
    /// Stores <paramref name="package"/> as the next version of its model (1, 2, 3… per model name; concurrent
    /// publishers never receive the same number) and returns it with that version. The incoming
    /// <see cref="ModelPackage.Version"/> is ignored.
    /// </summary>
    Task<ModelPackage> PublishAsync(ModelPackage package, string publishedBy, string reason, CancellationToken cancellationToken = default);

    /// <summary>The package of <paramref name="model"/> at <paramref name="version"/>, or null when there is none.</summary>
    Task<ModelPackage?> GetAsync(string model, int version, CancellationToken cancellationToken = default);

    /// <summary>Every version of <paramref name="model"/> (of all models when null), ordered by model then version.</summary>
    Task<IReadOnlyList<ModelVersionSummary>> ListAsync(string? model, CancellationToken cancellationToken = default);

    /// <summary>The names of all models with at least one version, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>The version <paramref name="alias"/> points at, or null when the alias is not set.</summary>
    Task<int?> GetAliasAsync(string model, string alias, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="version"/> (null removes the alias) and appends the
    /// move to the history. <paramref name="forced"/> records that a promotion gate was overridden; the store
    /// itself enforces no gate. Throws <see cref="ModelVersionNotFoundException"/> for a version never published.
    /// </summary>
    Task<AliasChange> SetAliasAsync(
        string model,
        string alias,
        int? version,
        string changedBy,
        string reason,
        bool forced,
        CancellationToken cancellationToken = default);

    /// <summary>All alias moves of <paramref name="model"/>, oldest first.</summary>
    Task<IReadOnlyList<AliasChange>> AliasHistoryAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Yields every alias move of any model committed after <paramref name="afterSequence"/> (after the moment
    /// of the call when null), in commit order, from this process or any other, until cancelled. Hot swap
    /// subscribes here; a consumer that remembers the last <see cref="AliasChange.Sequence"/> it handled can
    /// resume without gaps.
    /// </summary>
    IAsyncEnumerable<AliasChange> WatchAsync(long? afterSequence = null, CancellationToken cancellationToken = default);
}
