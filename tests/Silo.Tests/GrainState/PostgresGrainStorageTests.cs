using FraudActors.Silo.Storage.GrainState;
using FraudActors.Silo.Storage.Postgres;
using FraudActors.Silo.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FraudActors.Silo.Tests.GrainState;

public sealed class PostgresGrainStorageTests(PostgresDatabaseFixture fixture)
    : GrainStorageContract, IRequiresPostgres, IClassFixture<PostgresDatabaseFixture>
{
    [PostgresFact]
    public async Task Reopening_does_not_reapply_migrations_and_the_row_holds_what_was_written()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();
        var etag = await storage.WriteAsync(grain, new(new byte[] { 1, 2, 3 }, 4, new(2, 99), null), default);
        await OpenAsync();

        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE scope = 'grain-state'", connection))
        {
            (await count.ExecuteScalarAsync()).Should().Be(1L);
        }

        await using var row = new NpgsqlCommand(
            "SELECT schema_version, payload, stream_partition, stream_offset, etag::text FROM grain_state WHERE grain_type = @t AND grain_key = @k",
            connection);
        row.Parameters.AddWithValue("t", grain.Type);
        row.Parameters.AddWithValue("k", grain.Key);
        await using var reader = await row.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetInt32(0).Should().Be(4);
        reader.GetFieldValue<byte[]>(1).Should().Equal(1, 2, 3);
        reader.GetInt32(2).Should().Be(2);
        reader.GetInt64(3).Should().Be(99);
        reader.GetString(4).Should().Be(etag);
    }

    private protected override async Task<IWriteBehindGrainStorage> CreateStorageAsync(GrainStateStoreOptions options) =>
        await PostgresGrainStorage.OpenAsync(new PostgresStoreOptions { ConnectionString = fixture.Database.ConnectionString }, options);

    private protected override void AddStorage(IServiceCollection services) =>
        services.AddPostgresGrainStorage(o => o.ConnectionString = fixture.Database.ConnectionString);
}
