using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Audit.Sqlite;
using FraudActors.Silo.Storage.Sqlite;

namespace FraudActors.Silo.Tests.Audit;

public sealed class SqliteAuditStoreTests : AuditStoreContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-audit-db-").FullName;

    private string DatabasePath => Path.Combine(_directory, "fraudactors.db");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Audit_and_registry_share_one_file()
    {
        using var audit = SqliteAuditStore.Open(DatabasePath);
        var registry = await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = DatabasePath });
        await using var _ = registry;

        (await registry.ListModelsAsync()).Should().BeEmpty();
        (await audit.WriteAsync(AuditRows.Batch("shared", 3, AuditRows.FreshWindow(), seed: 9), CancellationToken.None)).Should().Be(3);
    }

    [Fact]
    public void A_path_that_cannot_be_created_gives_one_line()
    {
        var blocker = Path.Combine(_directory, "a-file");
        File.WriteAllText(blocker, "not a folder");

        var act = () => SqliteAuditStore.Open(Path.Combine(blocker, "audit.db"));

        act.Should().Throw<StoreUnavailableException>().Which.Message.Should().StartWith("Cannot open the SQLite audit log at ").And.NotContain("\n");
    }

    private protected override Task<(IAuditStore Store, IAuditReader Reader)> OpenAsync()
    {
        var store = SqliteAuditStore.Open(DatabasePath);
        return Task.FromResult<(IAuditStore, IAuditReader)>((store, store));
    }
}
