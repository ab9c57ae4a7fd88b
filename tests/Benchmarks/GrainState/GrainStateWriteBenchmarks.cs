using BenchmarkDotNet.Attributes;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Storage.GrainState;
using FraudActors.Silo.Storage.Postgres;
using Npgsql;

namespace FraudActors.Benchmarks.GrainState;

/// <summary>
/// Sustained snapshot writes to PostgreSQL through the write-behind path (default options: 50 ms, batches of
/// 1,000), each op one snapshot update of its own grain. Needs a server: <c>source scripts/postgres.sh &amp;&amp;
/// fa_postgres_start</c> exports FRAUDACTORS_TEST_POSTGRES; a scratch database is created and dropped.
/// <list type="bullet">
/// <item><see cref="AwaitedWrites"/>: 20,000 grains each await one durable write at the same time (deactivations, shutdown).</item>
/// <item><see cref="AcceptedWrites"/>: 20,000 grains buffer a write without waiting, then one flush (checkpoints).</item>
/// </list>
/// Writes/s = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class GrainStateWriteBenchmarks
{
    private const int Grains = 20_000;

    private readonly GrainId[] _grains = new GrainId[Grains];
    private readonly string?[] _etags = new string?[Grains];
    private string _admin = string.Empty;
    private string _database = string.Empty;
    private PostgresGrainStorage _storage = null!;
    private byte[] _payload = [];

    [Params(256, 4096)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _admin = Environment.GetEnvironmentVariable("FRAUDACTORS_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("FRAUDACTORS_TEST_POSTGRES is not set; run `source scripts/postgres.sh && fa_postgres_start` first.");
        _database = "fa_bench_" + Guid.NewGuid().ToString("N")[..12];
        Execute(_admin, $"CREATE DATABASE {_database}");
        var connection = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
        _storage = PostgresGrainStorage.OpenAsync(new PostgresStoreOptions { ConnectionString = connection }).GetAwaiter().GetResult();
        _payload = new byte[PayloadBytes];
        new Random(1).NextBytes(_payload);
        for (var g = 0; g < Grains; g++)
        {
            _grains[g] = new GrainId("cardholder", $"card-{g}");
        }

        // Every grain has a row, so the measured writes are updates, as in steady state.
        AcceptedWrites().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.DisposeAsync().AsTask().GetAwaiter().GetResult();
        NpgsqlConnection.ClearAllPools();
        Execute(_admin, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    [Benchmark(OperationsPerInvoke = Grains)]
    public Task AwaitedWrites()
    {
        var writes = new Task[Grains];
        for (var g = 0; g < Grains; g++)
        {
            writes[g] = WriteAsync(g);
        }

        return Task.WhenAll(writes);
    }

    [Benchmark(OperationsPerInvoke = Grains)]
    public async Task AcceptedWrites()
    {
        var durable = new Task[Grains];
        for (var g = 0; g < Grains; g++)
        {
            var accepted = await _storage.AcceptAsync(_grains[g], new GrainSnapshot(_payload, 1, new StreamPosition(g & 7, g), _etags[g]), default);
            _etags[g] = accepted.ETag;
            durable[g] = accepted.Durable;
        }

        await _storage.FlushAsync();
        await Task.WhenAll(durable);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private async Task WriteAsync(int g) =>
        _etags[g] = await _storage.WriteAsync(_grains[g], new GrainSnapshot(_payload, 1, new StreamPosition(g & 7, g), _etags[g]), default);
}
