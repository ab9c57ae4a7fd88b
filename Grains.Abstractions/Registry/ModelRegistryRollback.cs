namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>Finds what an alias pointed at before its latest move, from the alias history.</summary>
public static class ModelRegistryRollback
{
    /// <summary>
    /// The version <paramref name="alias"/> pointed at before it moved to where it points now (the previous
    /// champion, for a rollback), or null when it never pointed elsewhere. Moves that kept the same version
    /// are skipped.
    /// </summary>
    public static async Task<int?> PreviousVersionAsync(
        this IModelRegistryStore store,
        string model,
        string alias,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var history = await store.AliasHistoryAsync(model, cancellationToken).ConfigureAwait(false);
        return PreviousVersion(history, alias);
    }

    /// <summary>The same answer over an already loaded history (oldest first).</summary>
    public static int? PreviousVersion(IReadOnlyList<AliasChange> history, string alias)
    {
        ArgumentNullException.ThrowIfNull(history);
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var change = history[i];
            if (change.Alias == alias && change.PreviousVersion != change.NewVersion)
            {
                return change.PreviousVersion;
            }
        }

        return null;
    }
}
