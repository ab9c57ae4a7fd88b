using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Postgres;
using FraudActors.Silo.Tests.Storage;

namespace FraudActors.Silo.Tests.Registry;

public sealed class PostgresHotSwapTests(PostgresDatabaseFixture fixture) : HotSwapContract, IRequiresPostgres, IClassFixture<PostgresDatabaseFixture>
{
    // A long poll interval: the swaps must come through LISTEN/NOTIFY to make the one-second bound.
    private protected override async Task<IModelRegistryStore> OpenStoreAsync() =>
        await PostgresModelRegistryStore.OpenAsync(
            new PostgresStoreOptions { ConnectionString = fixture.Database.ConnectionString, PollInterval = TimeSpan.FromSeconds(30) });
}
