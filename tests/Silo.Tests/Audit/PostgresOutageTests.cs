using FraudActors.Silo.Audit.Postgres;
using FraudActors.Silo.Tests.Storage;
using Npgsql;

namespace FraudActors.Silo.Tests.Audit;

[Collection(PostgresOutageCollection.Name)]
public sealed class PostgresOutageTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _spill = Directory.CreateTempSubdirectory("fa-audit-outage-").FullName;

    public void Dispose() => Directory.Delete(_spill, recursive: true);

    [PostgresOutageFact]
    public async Task Stopping_the_server_mid_stream_loses_and_duplicates_nothing()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var store = PostgresAuditStore.Create(database.ConnectionString);
        var options = AuditPipeline.Options(_spill, batchSize: 500, capacity: 2_000);
        var stopped = false;
        try
        {
            await using var pipeline = await AuditPipeline.StartAsync(store, options);
            var next = 0;
            next = Accept(pipeline, next, 5_000);
            await AuditPipeline.Until(() => pipeline.Sink.Written >= 2_000, Deadline, "rows before the outage");

            await PostgresServerControl.StopAsync();
            stopped = true;

            // Scoring goes on: far more decisions than the buffer holds, so some must spill.
            next = Accept(pipeline, next, 20_000);
            await AuditPipeline.Until(() => pipeline.Sink.Spilled > 0 && pipeline.Sink.Buffered < options.BufferCapacity, Deadline, "a spill");

            await PostgresServerControl.StartAsync();
            stopped = false;
            next = Accept(pipeline, next, 5_000);

            await AuditPipeline.Until(
                () => pipeline.Sink.Written >= pipeline.Sink.Accepted && !pipeline.Sink.Spill.HasPending && pipeline.Sink.Buffered == 0,
                Deadline,
                "every row to be written after the restart");
            pipeline.Sink.Accepted.Should().Be(next);
            pipeline.Sink.Spilled.Should().BeGreaterThan(0);
        }
        finally
        {
            if (stopped)
            {
                await PostgresServerControl.StartAsync();
            }

            // Every pooled connection opened before the restart is dead; the database fixture's admin one too.
            NpgsqlConnection.ClearAllPools();
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT transaction_id), min(stream_offset), max(stream_offset) FROM decision_audit", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).Should().Be(30_000);
        reader.GetInt64(1).Should().Be(30_000);
        reader.GetInt64(2).Should().Be(0);
        reader.GetInt64(3).Should().Be(29_999);
        Directory.GetFiles(_spill, "audit-*.spill").Should().BeEmpty();
    }

    private static int Accept(AuditPipeline pipeline, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            var (record, outcome) = AuditRows.Outcome("outage", i, TimeProvider.System.GetTimestamp());
            pipeline.Sink.Accept(record, outcome);
        }

        return from + count;
    }
}
