using FraudActors.Grains.Abstractions.Registry;

namespace FraudActors.Silo.Storage.Registry;

/// <summary>Joins version rows with the current aliases into summaries, the same way for every store.</summary>
internal static class RegistryListing
{
    public static IReadOnlyList<ModelVersionSummary> Build(IReadOnlyList<PublishedVersionRow> versions, IReadOnlyList<AliasRow> aliases)
    {
        var byVersion = new Dictionary<(string Model, int Version), List<string>>();
        var champions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alias in aliases)
        {
            if (!byVersion.TryGetValue((alias.Model, alias.Version), out var names))
            {
                names = [];
                byVersion.Add((alias.Model, alias.Version), names);
            }

            names.Add(alias.Alias);
            if (alias.Alias == ModelAliases.Champion)
            {
                champions[alias.Model] = alias.Version;
            }
        }

        var summaries = new List<ModelVersionSummary>(versions.Count);
        foreach (var row in versions)
        {
            IReadOnlyList<string> names = byVersion.TryGetValue((row.Model, row.Version), out var found) ? Sorted(found) : [];
            int? champion = champions.TryGetValue(row.Model, out var version) ? version : null;
            summaries.Add(new ModelVersionSummary(
                row.Model,
                row.Version,
                row.Algorithm,
                row.SchemaHash,
                row.CreatedAt,
                row.PublishedAt,
                row.PublishedBy,
                row.Reason,
                row.Metrics,
                names,
                ModelStatuses.Of(row.Version, names, champion)));
        }

        return summaries;
    }

    private static List<string> Sorted(List<string> names)
    {
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
