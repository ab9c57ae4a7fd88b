using FraudActors.Silo.Storage.Migrations;
using Npgsql;

namespace FraudActors.Silo.Storage.Postgres;

/// <summary>
/// Applies the <see cref="SqlMigration"/>s of one scope to a PostgreSQL database: each once, in order, each in
/// its own transaction together with its <c>schema_migrations</c> row. A transaction-scoped advisory lock
/// serialises migrators, so silos starting at the same moment neither race nor fail.
/// </summary>
internal static class PostgresMigrator
{
    // "FraudAct" in ASCII: the advisory lock key every FraudActors migrator takes.
    private const long LockKey = 0x4672_6175_6441_6374;

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            scope      text        NOT NULL,
            version    integer     NOT NULL,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (scope, version)
        )
        """;

    /// <summary>Brings <paramref name="scope"/> up to the last of <paramref name="migrations"/>; returns how many steps ran.</summary>
    public static async Task<int> ApplyAsync(
        NpgsqlDataSource dataSource,
        string scope,
        IReadOnlyList<SqlMigration> migrations,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        SqlMigration.ValidateOrder(scope, migrations);
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken).ConfigureAwait(false);
        var applied = 0;
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
            {
                command.Parameters.AddWithValue("key", LockKey);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var command = new NpgsqlCommand(CreateTable, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var done = new Dictionary<int, string>();
            await using (var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations WHERE scope = @scope", connection, transaction))
            {
                command.Parameters.AddWithValue("scope", scope);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    done[reader.GetInt32(0)] = reader.GetString(1);
                }
            }

            var next = SqlMigration.NextToApply(scope, migrations, done);
            if (next is null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return applied;
            }

            await using (var command = new NpgsqlCommand(next.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var command = new NpgsqlCommand(
                "INSERT INTO schema_migrations (scope, version, name, checksum) VALUES (@scope, @version, @name, @checksum)",
                connection,
                transaction))
            {
                command.Parameters.AddWithValue("scope", scope);
                command.Parameters.AddWithValue("version", next.Version);
                command.Parameters.AddWithValue("name", next.Name);
                command.Parameters.AddWithValue("checksum", next.Checksum);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied++;
        }
    }
}
