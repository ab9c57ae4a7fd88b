using FraudActors.Silo.Storage.Migrations;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Silo.Storage.Sqlite.Migrations;
using Microsoft.Data.Sqlite;

namespace FraudActors.Silo.Tests.Storage;

public sealed class SqliteMigratorTests : IDisposable
{
    private static readonly SqlMigration[] Steps =
    [
        new(1, "create", "CREATE TABLE t (id INTEGER PRIMARY KEY)"),
        new(2, "add column", "ALTER TABLE t ADD COLUMN name TEXT"),
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("fa-migrator-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Steps_run_once_in_order_and_a_second_run_does_nothing()
    {
        using var connection = Connect("once.db");

        SqliteMigrator.Apply(connection, "test", Steps).Should().Be(2);
        SqliteMigrator.Apply(connection, "test", Steps).Should().Be(0);
        SqliteMigrator.Apply(connection, "test", [.. Steps, new(3, "index", "CREATE INDEX t_name ON t (name)")]).Should().Be(1);

        Query(connection, "SELECT group_concat(version) FROM (SELECT version FROM schema_migrations WHERE scope = 'test' ORDER BY version)")
            .Should().Be("1,2,3");
    }

    [Fact]
    public void An_edited_step_or_an_unknown_newer_version_is_refused()
    {
        using var connection = Connect("edited.db");
        SqliteMigrator.Apply(connection, "test", Steps);

        FluentActions.Invoking(() => SqliteMigrator.Apply(connection, "test", [Steps[0], Steps[1] with { Sql = "ALTER TABLE t ADD COLUMN other TEXT" }]))
            .Should().Throw<InvalidOperationException>().WithMessage("Migration test/2 'add column' was changed after it was applied*");
        FluentActions.Invoking(() => SqliteMigrator.Apply(connection, "test", [Steps[0]]))
            .Should().Throw<InvalidOperationException>().WithMessage("*'test' is at version 2 but this build knows only up to 1*");
    }

    [Fact]
    public void A_failing_step_leaves_no_trace_and_earlier_steps_stay()
    {
        using var connection = Connect("failing.db");

        FluentActions.Invoking(() => SqliteMigrator.Apply(connection, "test", [Steps[0], new(2, "broken", "CREATE TABLE u (id INTEGER); SELECT * FROM missing")]))
            .Should().Throw<SqliteException>();

        Query(connection, "SELECT count(*) FROM schema_migrations").Should().Be(1L);
        Query(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'u'").Should().Be(0L);
    }

    [Fact]
    public async Task Two_processes_opening_a_fresh_file_at_once_both_succeed()
    {
        var path = Path.Combine(_directory, "race.db");
        var options = new SqliteStoreOptions { Path = path };

        var stores = await Task.WhenAll(
            Task.Run(() => SqliteModelRegistryStore.OpenAsync(options)),
            Task.Run(() => SqliteModelRegistryStore.OpenAsync(options)));

        foreach (var store in stores)
        {
            (await store.ListModelsAsync()).Should().BeEmpty();
            await store.DisposeAsync();
        }

        using var connection = Connect("race.db");
        Query(connection, "SELECT count(*) FROM schema_migrations").Should().Be((long)SqliteRegistryMigrations.All.Count);
    }

    private SqliteConnection Connect(string file)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, file)};Pooling=False");
        connection.Open();
        return connection;
    }

    private static object? Query(SqliteConnection connection, string sql)
    {
        using var command = new SqliteCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
