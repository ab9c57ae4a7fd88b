using FraudActors.Silo.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace FraudActors.Silo.Storage.Sqlite;

/// <summary>
/// Applies the <see cref="SqlMigration"/>s of one scope to a SQLite file: each once, in order, each in its own
/// BEGIN IMMEDIATE transaction (the file's write lock) together with its <c>schema_migrations</c> row, so two
/// processes opening a fresh file at once take turns.
/// </summary>
internal static class SqliteMigrator
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            scope      TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            name       TEXT    NOT NULL,
            checksum   TEXT    NOT NULL,
            applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            PRIMARY KEY (scope, version)
        )
        """;

    /// <summary>Brings <paramref name="scope"/> up to the last of <paramref name="migrations"/>; returns how many steps ran.</summary>
    public static int Apply(SqliteConnection connection, string scope, IReadOnlyList<SqlMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SqlMigration.ValidateOrder(scope, migrations);
        var applied = 0;
        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var command = new SqliteCommand(CreateTable, connection, transaction))
            {
                command.ExecuteNonQuery();
            }

            var done = new Dictionary<int, string>();
            using (var command = new SqliteCommand("SELECT version, checksum FROM schema_migrations WHERE scope = $scope", connection, transaction))
            {
                command.Parameters.AddWithValue("$scope", scope);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    done[reader.GetInt32(0)] = reader.GetString(1);
                }
            }

            var next = SqlMigration.NextToApply(scope, migrations, done);
            if (next is null)
            {
                transaction.Commit();
                return applied;
            }

            using (var command = new SqliteCommand(next.Sql, connection, transaction))
            {
                command.ExecuteNonQuery();
            }

            using (var command = new SqliteCommand(
                "INSERT INTO schema_migrations (scope, version, name, checksum) VALUES ($scope, $version, $name, $checksum)",
                connection,
                transaction))
            {
                command.Parameters.AddWithValue("$scope", scope);
                command.Parameters.AddWithValue("$version", next.Version);
                command.Parameters.AddWithValue("$name", next.Name);
                command.Parameters.AddWithValue("$checksum", next.Checksum);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            applied++;
        }
    }
}
