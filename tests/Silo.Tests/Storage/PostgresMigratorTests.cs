using FraudActors.Silo.Storage.Migrations;
using FraudActors.Silo.Storage.Postgres;
using FraudActors.Silo.Storage.Postgres.Migrations;
using Npgsql;

namespace FraudActors.Silo.Tests.Storage;

public sealed class PostgresMigratorTests
{
    private static readonly SqlMigration[] Steps =
    [
        new(1, "create", "CREATE TABLE t (id integer PRIMARY KEY)"),
        new(2, "add column", "ALTER TABLE t ADD COLUMN name text"),
        new(3, "index", "CREATE INDEX t_name ON t (name)"),
    ];

    [PostgresFact]
    public async Task Two_migrators_on_a_fresh_database_both_succeed_and_each_step_runs_once()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var first = NpgsqlDataSource.Create(database.ConnectionString);
        await using var second = NpgsqlDataSource.Create(database.ConnectionString);

        var applied = await Task.WhenAll(
            Task.Run(() => PostgresMigrator.ApplyAsync(first, "test", Steps)),
            Task.Run(() => PostgresMigrator.ApplyAsync(second, "test", Steps)),
            Task.Run(() => PostgresMigrator.ApplyAsync(first, PostgresRegistryMigrations.Scope, PostgresRegistryMigrations.All)),
            Task.Run(() => PostgresMigrator.ApplyAsync(second, PostgresRegistryMigrations.Scope, PostgresRegistryMigrations.All)));

        (applied[0] + applied[1]).Should().Be(3);
        (applied[2] + applied[3]).Should().Be(PostgresRegistryMigrations.All.Count);
        (await PostgresMigrator.ApplyAsync(first, "test", Steps)).Should().Be(0);
        await using var connection = await first.OpenConnectionAsync();
        await using var versions = new NpgsqlCommand("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations WHERE scope = 'test'", connection);
        (await versions.ExecuteScalarAsync()).Should().Be("1,2,3");
    }

    [PostgresFact]
    public async Task An_edited_step_is_refused_and_a_failing_step_is_rolled_back()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await PostgresMigrator.ApplyAsync(dataSource, "test", Steps[..1]);

        await FluentActions.Invoking(() => PostgresMigrator.ApplyAsync(dataSource, "test", [Steps[0] with { Sql = "CREATE TABLE t2 (id int)" }]))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("Migration test/1 'create' was changed after it was applied*");
        await FluentActions.Invoking(() => PostgresMigrator.ApplyAsync(dataSource, "test", [Steps[0], new(2, "broken", "CREATE TABLE u (id int); SELECT * FROM missing")]))
            .Should().ThrowAsync<PostgresException>();

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var check = new NpgsqlCommand("SELECT (SELECT count(*) FROM schema_migrations), to_regclass('u') IS NULL", connection);
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).Should().Be(1);
        reader.GetBoolean(1).Should().BeTrue();
    }
}
