using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Registry;

namespace FraudActors.Grains.Registry;

/// <summary>
/// Promotion and rollback against the store, with the gate in front: what the registry grain does before it
/// waits for its silo to serve the move, and all that <c>trainer promote</c> / <c>trainer rollback</c> do.
/// </summary>
internal sealed class ModelPromoter(IModelRegistryStore store, PromotionGate gate)
{
    /// <summary>
    /// Judges <paramref name="version"/> and moves <paramref name="alias"/> to it when the gate passes, or when
    /// <paramref name="force"/> is set (the move is then recorded as forced if a blocking check failed).
    /// </summary>
    /// <exception cref="ArgumentException">The alias is neither champion nor challenger.</exception>
    /// <exception cref="ModelVersionNotFoundException">The version was never published.</exception>
    public async Task<PromotionResult> PromoteAsync(
        string model,
        int version,
        string alias,
        bool force,
        string by,
        string reason,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (alias is not (ModelAliases.Champion or ModelAliases.Challenger))
        {
            throw new ArgumentException($"The alias must be '{ModelAliases.Champion}' or '{ModelAliases.Challenger}', not '{alias}'.", nameof(alias));
        }

        var candidate = await store.GetAsync(model, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelVersionNotFoundException(model, version);
        ModelPackage? champion = null;
        if (await store.GetAliasAsync(model, ModelAliases.Champion, cancellationToken).ConfigureAwait(false) is { } championVersion
            && championVersion != version)
        {
            champion = await store.GetAsync(model, championVersion, cancellationToken).ConfigureAwait(false);
        }

        var verdict = gate.Evaluate(candidate, champion, alias);
        if (!verdict.Passed && !force)
        {
            return new PromotionResult(verdict, Applied: false, Forced: false, Change: null, Served: false);
        }

        var forced = !verdict.Passed;
        var note = forced ? $"{reason} [FORCED past failed checks: {string.Join(", ", verdict.FailedChecks)}]" : reason;
        var change = await store.SetAliasAsync(model, alias, version, by, note, forced, cancellationToken).ConfigureAwait(false);
        return new PromotionResult(verdict, Applied: true, Forced: forced, change, Served: false);
    }

    /// <summary>Points the champion back at the version it had before its latest move.</summary>
    public async Task<RollbackResult> RollbackAsync(string model, string by, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var history = await store.AliasHistoryAsync(model, cancellationToken).ConfigureAwait(false);
        var current = await store.GetAliasAsync(model, ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        if (ModelRegistryRollback.PreviousVersion(history, ModelAliases.Champion) is not { } previous)
        {
            return new RollbackResult(model, current, null, Applied: false, Change: null, Served: false,
                current is null
                    ? $"model '{model}' has no champion to roll back"
                    : $"model '{model}' has had no champion before v{current}; nothing to roll back to");
        }

        var change = await store.SetAliasAsync(model, ModelAliases.Champion, previous, by, reason, forced: false, cancellationToken).ConfigureAwait(false);
        return new RollbackResult(model, current, previous, Applied: true, change, Served: false,
            $"rolled back {model} champion v{current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} → v{previous}");
    }
}
