using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Postgres;
using Npgsql;

namespace FraudActors.Silo.Tests.Storage;

public sealed class PostgresModelRegistryStoreTests(PostgresDatabaseFixture fixture)
    : ModelRegistryStoreContract, IRequiresPostgres, IClassFixture<PostgresDatabaseFixture>
{
    [PostgresFact]
    public async Task Polling_finds_a_move_whose_notification_was_lost()
    {
        var store = await PostgresModelRegistryStore.OpenAsync(
            new PostgresStoreOptions { ConnectionString = fixture.Database.ConnectionString, PollInterval = TimeSpan.FromMilliseconds(200) });
        await using var _ = store;
        var model = TestPackages.NewModelName();
        await store.PublishAsync(TestPackages.Create(model), "alice", "v1");
        var before = await store.SetAliasAsync(model, ModelAliases.Champion, 1, "alice", "start", forced: false);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var changes = store.WatchAsync(before.Sequence, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = changes.MoveNextAsync().AsTask();

        // A row written without NOTIFY, as if the notification had been lost.
        var started = TimeProvider.System.GetTimestamp();
        await using (var connection = new NpgsqlConnection(fixture.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO model_alias_history (model, alias, previous_version, new_version, changed_by, changed_at, reason, forced) "
                    + "VALUES (@model, 'challenger', NULL, 1, 'psql', now(), 'by hand', false)",
                connection);
            insert.Parameters.AddWithValue("model", model);
            await insert.ExecuteNonQueryAsync();
        }

        (await next).Should().BeTrue();
        TimeProvider.System.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(1.5));
        changes.Current.Should().BeEquivalentTo(new { Model = model, Alias = "challenger", NewVersion = (int?)1, ChangedBy = "psql" });
    }

    [PostgresFact]
    public async Task A_watcher_whose_connection_is_killed_reconnects_and_catches_up()
    {
        var options = new PostgresStoreOptions { ConnectionString = fixture.Database.ConnectionString, PollInterval = TimeSpan.FromMilliseconds(200) };
        var watching = await PostgresModelRegistryStore.OpenAsync(options);
        await using var _ = watching;
        var model = TestPackages.NewModelName();
        await watching.PublishAsync(TestPackages.Create(model), "alice", "v1");
        var first = await watching.SetAliasAsync(model, ModelAliases.Champion, 1, "alice", "start", forced: false);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var changes = watching.WatchAsync(first.Sequence - 1, cancel.Token).GetAsyncEnumerator(cancel.Token);
        (await changes.MoveNextAsync()).Should().BeTrue();
        var next = changes.MoveNextAsync().AsTask();

        // Every other session of the database, the listener included, is killed by the server.
        await using (var admin = new NpgsqlConnection(fixture.Database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
                admin);
            (await kill.ExecuteScalarAsync()).Should().NotBe(0L);
        }

        var writing = await PostgresModelRegistryStore.OpenAsync(options);
        await using var __ = writing;
        var move = await writing.SetAliasAsync(model, ModelAliases.Challenger, 1, "bob", "after the outage", forced: false);

        (await next).Should().BeTrue();
        changes.Current.Should().Be(move);
    }

    [PostgresFact]
    public async Task Reopening_keeps_data_without_reapplying_migrations()
    {
        var model = TestPackages.NewModelName();
        await (await OpenAsync()).PublishAsync(TestPackages.Create(model), "alice", "v1");

        var second = await OpenAsync();

        (await second.ListAsync(model)).Should().ContainSingle();
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE scope = 'registry'", connection);
        (await count.ExecuteScalarAsync()).Should().Be(1L);
    }

    // A long poll interval: the contract's watch tests then pass only if LISTEN/NOTIFY works.
    private protected override async Task<IModelRegistryStore> CreateStoreAsync(TimeProvider time) =>
        await PostgresModelRegistryStore.OpenAsync(
            new PostgresStoreOptions { ConnectionString = fixture.Database.ConnectionString, PollInterval = TimeSpan.FromSeconds(30) },
            time);
}
