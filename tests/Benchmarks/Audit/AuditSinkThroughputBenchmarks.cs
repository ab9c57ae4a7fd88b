using BenchmarkDotNet.Attributes;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Audit.Postgres;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FraudActors.Benchmarks.Audit;

/// <summary>
/// Sustained audit rows per second into PostgreSQL through the whole path: <see cref="AuditSink.Accept"/> on the
/// calling thread, the background writer's batched binary COPY into the staging table and the
/// <c>INSERT … ON CONFLICT DO NOTHING</c> into <c>decision_audit</c> (primary key and decision-time index), until
/// the last row is committed. One operation = one row; rows/s = 1 / mean. Needs FRAUDACTORS_TEST_POSTGRES
/// (`source scripts/postgres.sh && fa_postgres_start`); each run uses a fresh database, dropped afterwards. Run with
/// <c>--job short</c>: an iteration is 200,000 rows, so the default job would run past the in-process time limit.
/// </summary>
[MemoryDiagnoser]
public class AuditSinkThroughputBenchmarks
{
    private const int Rows = 200_000;
    private readonly (StreamRecord Record, TransactionOutcome Outcome)[] _decisions = new (StreamRecord, TransactionOutcome)[Rows];
    private string _admin = null!;
    private string _database = null!;
    private string _spill = null!;
    private PostgresAuditStore _store = null!;
    private AuditSink _sink = null!;
    private AuditWriter _writer = null!;
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        _admin = Environment.GetEnvironmentVariable("FRAUDACTORS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("FRAUDACTORS_TEST_POSTGRES is not set; run `source scripts/postgres.sh && fa_postgres_start` first.");
        _database = "fa_bench_" + Guid.NewGuid().ToString("N")[..10];
        Execute(_admin, $"CREATE DATABASE {_database}");
        var connection = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
        _spill = Directory.CreateTempSubdirectory("fa-audit-bench-").FullName;
        _store = PostgresAuditStore.Create(connection);
        var options = new AuditOptions
        {
            ConnectionString = connection,
            SpillDirectory = _spill,
            BufferCapacity = 2 * Rows,
        };
        _sink = new AuditSink(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
        _writer = new AuditWriter(_sink, _store, TimeProvider.System, NullLogger<AuditWriter>.Instance);
        _writer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void NewTransactions()
    {
        // Fresh ids every iteration: rows that are really inserted, not skipped as duplicates.
        var prefix = $"it{_iteration++}-";
        var thresholds = new DecisionThresholds(0.3f, 0.8f);
        for (var i = 0; i < Rows; i++)
        {
            var transaction = new CardTransaction(
                prefix + i, $"card-{i % 10_000}", DateTimeOffset.UtcNow, 10m + (i % 500), "EUR", $"m-{i % 2_000}", "grocery", Channel.CardPresent);
            var probability = (i % 1000) / 1000f;
            var score = new FraudScore(probability, thresholds.Decide(probability), thresholds, "card-behaviour", 3,
            [
                new DecisionReason("amount", 10 + (i % 500), 0.41f, "amount well above the card's usual"),
                new DecisionReason("tx_count_1h", i % 7, 0.12f, "several transactions in the last hour"),
                new DecisionReason("speed_kmh", float.NaN, 0.05f, "no previous location"),
            ]);
            var card = new CardFeatures { Amount = 10 + (i % 500), TxCount1h = i % 7, TxCount24h = i % 30, HourOfDay = i % 24, SpeedKmh = float.NaN };
            var merchant = new MerchantFeatures { TxCount1d = i % 100, Risk7d = 0.01f };
            _decisions[i] = (new StreamRecord(i % 8, i, transaction, TimeProvider.System.GetTimestamp()),
                new TransactionOutcome(transaction.TransactionId, transaction.CardId, FeatureOutcome.Applied, card, merchant, score));
        }
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long AcceptAndCommit()
    {
        var target = _sink.Accepted + Rows;
        for (var i = 0; i < Rows; i++)
        {
            _sink.Accept(_decisions[i].Record, _decisions[i].Outcome);
        }

        // The same wait a Kafka checkpoint uses: until every accepted row is written (or spilled).
        if (!_sink.WaitSettledAsync(target, TimeSpan.FromMinutes(1)).GetAwaiter().GetResult())
        {
            throw new TimeoutException("The audit writer did not settle within a minute.");
        }

        return _sink.Spilled;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _writer.Dispose();
        _sink.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Execute(_admin, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        Directory.Delete(_spill, recursive: true);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
