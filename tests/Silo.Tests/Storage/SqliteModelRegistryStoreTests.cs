using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Sqlite;

namespace FraudActors.Silo.Tests.Storage;

public sealed class SqliteModelRegistryStoreTests : ModelRegistryStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-registry-").FullName;

    private string DatabasePath => Path.Combine(_directory, "registry.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_file_is_in_wal_mode_and_reopening_keeps_data_without_reapplying_migrations()
    {
        var model = TestPackages.NewModelName();
        var first = await OpenAsync();
        await first.PublishAsync(TestPackages.Create(model), "alice", "v1");

        var second = await OpenAsync();

        (await second.ListAsync(model)).Should().ContainSingle();
        Scalar("PRAGMA journal_mode").Should().Be("wal");
        Scalar("SELECT count(*) FROM schema_migrations WHERE scope = 'registry'").Should().Be(1L);
    }

    [Fact]
    public async Task A_path_that_cannot_be_created_gives_one_line()
    {
        var blocker = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var path = Path.Combine(blocker, "registry.db");

        var act = () => SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = path });

        var error = (await act.Should().ThrowAsync<StoreUnavailableException>()).Which;
        error.Message.Should().StartWith($"Cannot open the SQLite store at '{path}': ").And.NotContain("\n");
    }

    private protected override async Task<IModelRegistryStore> CreateStoreAsync(TimeProvider time) =>
        await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = DatabasePath }, time);

    private object? Scalar(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = new Microsoft.Data.Sqlite.SqliteCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
