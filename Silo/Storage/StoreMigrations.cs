using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Audit.Postgres;
using FraudActors.Silo.Audit.Sqlite;
using FraudActors.Silo.Membership;
using FraudActors.Silo.Storage.GrainState.Migrations;
using FraudActors.Silo.Storage.Migrations;
using FraudActors.Silo.Storage.Postgres;
using FraudActors.Silo.Storage.Postgres.Migrations;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Silo.Storage.Sqlite.Migrations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FraudActors.Silo.Storage;

/// <summary>
/// Every schema FraudActors keeps — the model registry, grain state and the decision audit log — applied in one
/// go (what silos do at start-up, and what <c>trainer db migrate</c> does ahead of a deployment). Idempotent.
/// </summary>
internal static class StoreMigrations
{
    private static readonly (string Scope, IReadOnlyList<SqlMigration> Steps)[] Postgres =
    [
        (PostgresRegistryMigrations.Scope, PostgresRegistryMigrations.All),
        (PostgresGrainStateMigrations.Scope, PostgresGrainStateMigrations.All),
        (PostgresAuditMigrations.Scope, PostgresAuditMigrations.All),
        (PostgresMembershipMigrations.Scope, PostgresMembershipMigrations.All),
        (ApiKeys.Migrations.PostgresApiKeyMigrations.Scope, ApiKeys.Migrations.PostgresApiKeyMigrations.All),
    ];

    private static readonly (string Scope, IReadOnlyList<SqlMigration> Steps)[] Sqlite =
    [
        (SqliteRegistryMigrations.Scope, SqliteRegistryMigrations.All),
        (SqliteGrainStateMigrations.Scope, SqliteGrainStateMigrations.All),
        (SqliteAuditMigrations.Scope, SqliteAuditMigrations.All),
        (ApiKeys.Migrations.SqliteApiKeyMigrations.Scope, ApiKeys.Migrations.SqliteApiKeyMigrations.All),
    ];

    /// <returns>Steps applied per scope (0 when it was already current).</returns>
    public static async Task<IReadOnlyList<(string Scope, int Applied)>> ApplyPostgresAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new StoreUnavailableException($"The PostgreSQL connection string is not valid: {exception.Message}", exception);
        }

        await using (dataSource.ConfigureAwait(false))
        {
            var results = new List<(string, int)>(Postgres.Length);
            foreach (var (scope, steps) in Postgres)
            {
                results.Add((scope, await PostgresMigrator.ApplyAsync(dataSource, scope, steps, cancellationToken).ConfigureAwait(false)));
            }

            return results;
        }
    }

    public static IReadOnlyList<(string Scope, int Applied)> ApplySqlite(string path)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
            connection.Open();
            var results = new List<(string, int)>(Sqlite.Length);
            foreach (var (scope, steps) in Sqlite)
            {
                results.Add((scope, SqliteMigrator.Apply(connection, scope, steps)));
            }

            return results;
        }
        catch (SqliteException exception)
        {
            throw new StoreUnavailableException($"Cannot open the SQLite store at '{full}': {exception.Message.TrimEnd('.')}", exception);
        }
    }
}
