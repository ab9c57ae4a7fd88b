using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Storage.GrainState;
using FraudActors.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Silo.Tests.GrainState;

public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-grainstate-").FullName;

    private string DatabasePath => Path.Combine(_directory, "fraudactors.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_and_reopening_does_not_reapply_migrations()
    {
        await OpenAsync();
        await OpenAsync();

        Scalar("PRAGMA journal_mode").Should().Be("wal");
        Scalar("SELECT count(*) FROM schema_migrations WHERE scope = 'grain-state'").Should().Be(1L);
    }

    [Fact]
    public void The_registration_replaces_the_in_memory_storage_whatever_the_order()
    {
        var before = new ServiceCollection();
        before.AddSqliteGrainStorage(o => o.Path = DatabasePath);
        before.AddGrainRuntime();
        var after = new ServiceCollection();
        after.AddGrainRuntime();
        after.AddSqliteGrainStorage(o => o.Path = DatabasePath);

        foreach (var services in new[] { before, after })
        {
            services.Where(d => d.ServiceType == typeof(IGrainStorage)).Should().ContainSingle()
                .Which.ImplementationFactory.Should().NotBeNull();
        }

        FluentActions.Invoking(() => new ServiceCollection().AddSqliteGrainStorage(o => o.Path = DatabasePath, w => w.MaxBatch = 0))
            .Should().Throw<ArgumentException>().WithMessage("*batch size*");
    }

    private protected override async Task<IWriteBehindGrainStorage> CreateStorageAsync(GrainStateStoreOptions options) =>
        await SqliteGrainStorage.OpenAsync(new SqliteStoreOptions { Path = DatabasePath }, options);

    private protected override void AddStorage(IServiceCollection services) =>
        services.AddSqliteGrainStorage(o => o.Path = DatabasePath);

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = new SqliteCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
