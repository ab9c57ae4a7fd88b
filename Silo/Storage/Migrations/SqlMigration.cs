using System.Security.Cryptography;
using System.Text;

namespace FraudActors.Silo.Storage.Migrations;

/// <summary>
/// One step of a schema: applied once, in <paramref name="Version"/> order, within its <c>scope</c> (e.g.
/// "registry", "grain-state", "audit" — each owner numbers its own steps from 1). Never edit an applied
/// step; add the next one. The checksum catches edits.
/// </summary>
internal sealed record SqlMigration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 (hex) of the SQL with line endings normalised.</summary>
    /// <remarks>Computed on use, not stored: a stored value would survive <c>with { Sql = … }</c> unchanged.</remarks>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>Throws unless versions are positive and strictly increasing.</summary>
    public static void ValidateOrder(string scope, IReadOnlyList<SqlMigration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(migrations);
        var previous = 0;
        foreach (var migration in migrations)
        {
            if (migration.Version <= previous)
            {
                throw new ArgumentException(
                    $"Migrations of '{scope}' must have positive, strictly increasing versions; {migration.Version} follows {previous}.",
                    nameof(migrations));
            }

            previous = migration.Version;
        }
    }

    /// <summary>
    /// The first step of <paramref name="migrations"/> not yet in <paramref name="applied"/> (version →
    /// checksum), or null when all are applied. Throws when an applied step was edited or when the database
    /// holds a step this build does not know (a newer build migrated it).
    /// </summary>
    public static SqlMigration? NextToApply(string scope, IReadOnlyList<SqlMigration> migrations, IReadOnlyDictionary<int, string> applied)
    {
        var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
        foreach (var version in applied.Keys)
        {
            if (version > known)
            {
                throw new InvalidOperationException(
                    $"The database schema '{scope}' is at version {version} but this build knows only up to {known}; run a newer FraudActors build against it.");
            }
        }

        foreach (var migration in migrations)
        {
            if (!applied.TryGetValue(migration.Version, out var checksum))
            {
                return migration;
            }

            if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Migration {scope}/{migration.Version} '{migration.Name}' was changed after it was applied; restore it and add a new migration instead.");
            }
        }

        return null;
    }
}
