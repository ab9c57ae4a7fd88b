using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Sqlite;

namespace FraudActors.Silo.Tests.Registry;

public sealed class SqliteHotSwapTests : HotSwapContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-hotswap-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A short poll: SQLite has no push, so the poll interval is the swap latency.
    private protected override async Task<IModelRegistryStore> OpenStoreAsync() =>
        await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(_directory, "registry.db"), PollInterval = TimeSpan.FromMilliseconds(10) });
}
