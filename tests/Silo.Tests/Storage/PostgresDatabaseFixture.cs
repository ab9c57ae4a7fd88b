namespace FraudActors.Silo.Tests.Storage;

/// <summary>One fresh database per test class. Without a configured server it stays empty and <see cref="Database"/> says why.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private PostgresTestDatabase? _database;

    internal PostgresTestDatabase Database => _database ?? throw new InvalidOperationException(
        PostgresTestServer.ConnectionString is null
            ? $"{PostgresTestServer.Variable} is not set: the PostgreSQL tests need a server. test.sh starts one; by hand: `source scripts/postgres.sh && fa_postgres_start`."
            : "The test database was not created.");

    public async Task InitializeAsync()
    {
        if (PostgresTestServer.ConnectionString is not null)
        {
            _database = await PostgresTestDatabase.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
