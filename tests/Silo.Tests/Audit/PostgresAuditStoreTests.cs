using FraudActors.Silo.Audit;
using FraudActors.Silo.Audit.Postgres;
using FraudActors.Silo.Tests.Storage;
using Npgsql;

namespace FraudActors.Silo.Tests.Audit;

public sealed class PostgresAuditStoreTests(PostgresDatabaseFixture fixture)
    : AuditStoreContract, IRequiresPostgres, IClassFixture<PostgresDatabaseFixture>
{
    private readonly List<PostgresAuditStore> _opened = [];

    public override async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [PostgresFact]
    public async Task Features_are_real_arrays_and_reasons_are_jsonb()
    {
        var (store, _) = await OpenAsync();
        var row = AuditRows.Batch("pg-types", 4, AuditRows.FreshWindow(), seed: 7)[3];
        await store.WriteAsync([row], CancellationToken.None);

        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_typeof(features)::text, pg_typeof(reasons)::text, jsonb_array_length(reasons), reasons->0->>'feature' FROM decision_audit WHERE transaction_id = @id",
            connection);
        command.Parameters.AddWithValue("id", row.TransactionId);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be("real[]");
        reader.GetString(1).Should().Be("jsonb");
        reader.GetInt32(2).Should().Be(row.Reasons.Count);
        reader.GetString(3).Should().Be(row.Reasons[0].Feature);
    }

    private protected override async Task<(IAuditStore Store, IAuditReader Reader)> OpenAsync()
    {
        var store = await PostgresAuditStore.OpenAsync(fixture.Database.ConnectionString);
        _opened.Add(store);
        return (store, store);
    }
}
