using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Cardholder;
using FraudActors.Silo.Kafka;
using FraudActors.Silo.Streaming;
using FraudActors.Silo.Tests.Storage;
using Npgsql;
using Xunit.Abstractions;

namespace FraudActors.Gateway.Tests.Cluster;

/// <summary>
/// The test that matters for scale-out: three silo processes in one consumer group on librdkafka's mock cluster,
/// a real PostgreSQL for grain state, audit, registry and membership; one silo is SIGKILLed mid-stream and the
/// survivors take over. Afterwards every card's stored state must equal a brute-force replay of all its
/// transactions, every transaction must have a decision (duplicates agree), and the dead-letter topic must hold
/// exactly the malformed records injected.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloCrashRecoveryTests(ITestOutputHelper output)
{
    private const int Transactions = 200_000;
    private const int Cards = 5_000;
    private const int Merchants = 400;
    private const int Malformed = 50;
    private const int Partitions = 32;
    private const int KillAfter = 80_000;
    private const int MaxBacklog = 30_000;

    private static readonly string[] Categories = ["grocery", "fuel", "restaurant", "electronics", "travel"];

    [PostgresFact]
    public async Task Killing_a_silo_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await ClusterHarness.PublishChampionAsync(database.ConnectionString);
        using var cluster = new KafkaMockCluster();
        var topics = new KafkaOptions { BootstrapServers = cluster.BootstrapServers };
        cluster.CreateTopics(topics, Partitions);

        var settings = ClusterHarness.SiloSettings(cluster.BootstrapServers);
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(SiloProcess.Start($"silo{i}", database.ConnectionString, settings));
            }

            await ClusterHarness.WaitUntilAsync(() => ClusterHarness.MembersOwnAllAsync(database.ConnectionString, 3, Partitions), TimeSpan.FromSeconds(90), "three silos owning all partitions", silos);
            foreach (var silo in silos)
            {
                await ClusterHarness.WaitUntilAsync(() => ClusterHarness.ReadyAsync(silo.Url), TimeSpan.FromSeconds(30), $"{silo.Name} ready", silos);
            }

            var (traffic, malformed) = Generate();
            using var producer = new KafkaTransactionProducer(topics);
            var killed = false;
            var produced = 0;
            var nextMalformed = 0;
            for (var i = 0; i < traffic.Count; i++)
            {
                producer.Produce(traffic[i]);
                produced++;
                if (nextMalformed < malformed.Count && i % (Transactions / Malformed) == 7)
                {
                    producer.ProduceRaw(malformed[nextMalformed].Key, malformed[nextMalformed].Value);
                    nextMalformed++;
                }

                if (produced % 10_000 == 0)
                {
                    producer.Flush(TimeSpan.FromSeconds(30)).Should().Be(0);
                    // Keep the backlog bounded: the mock cluster keeps only a few MiB per partition.
                    var target = produced - MaxBacklog;
                    await ClusterHarness.WaitUntilAsync(async () => await AuditedAsync(database.ConnectionString) >= target, TimeSpan.FromSeconds(60), $"{target} decisions audited", silos);
                    Progress($"{produced} produced");
                }

                if (!killed && produced == KillAfter)
                {
                    silos[1].Kill();
                    killed = true;
                    output.WriteLine($"SIGKILLed {silos[1].Name} after {produced} transactions");
                    Progress($"SIGKILLed {silos[1].Name}");
                }
            }

            producer.Flush(TimeSpan.FromSeconds(30)).Should().Be(0);
            producer.DeliveryFailures.Should().Be(0);
            try
            {
                await ClusterHarness.WaitUntilAsync(async () => await AuditedAsync(database.ConnectionString) >= Transactions, TimeSpan.FromSeconds(120), "every transaction audited", silos);
            }
            catch (TimeoutException)
            {
                output.WriteLine(await DescribeGapAsync(database.ConnectionString, traffic));
                throw;
            }

            // (b) every transaction has a decision on the decisions topic; duplicates carry the same result.
            var decisions = ReadDecisions(cluster.BootstrapServers);
            var byTransaction = decisions.GroupBy(d => d.TransactionId).ToDictionary(g => g.Key, g => g.ToList());
            // Set arithmetic, not BeEquivalentTo: that compares 200,000 items pairwise.
            var missing = traffic.Select(t => t.TransactionId).Where(id => !byTransaction.ContainsKey(id)).ToList();
            missing.Should().BeEmpty("every transaction must have a decision");
            byTransaction.Count.Should().Be(traffic.Count, "no decision may name a transaction that was not sent");
            var duplicated = 0;
            foreach (var (id, list) in byTransaction)
            {
                var scored = list.Where(d => d.Outcome == "applied").ToList();
                scored.Should().NotBeEmpty($"{id} must have been scored once at least");
                scored.Select(d => (d.Decision, d.Probability)).Distinct().Should().ContainSingle($"every decision of {id} must agree");
                duplicated += list.Count > 1 ? 1 : 0;
            }

            Progress($"{decisions.Count} decisions for {byTransaction.Count} transactions, {duplicated} decided more than once");
            output.WriteLine($"{decisions.Count} decisions for {byTransaction.Count} transactions; {duplicated} decided more than once (replayed after the crash)");

            // (c) the dead-letter topic holds exactly the malformed records.
            var dead = KafkaTopicReader.Read(cluster.BootstrapServers, topics.DeadLetterTopic, malformed.Count, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
            dead.Select(r => Encoding.UTF8.GetString(r.Value)).Distinct().Should().BeEquivalentTo(malformed.Select(m => Encoding.UTF8.GetString(m.Value)));

            // (a) stop the survivors cleanly (they store their cards), then compare every card with a replay.
            foreach (var silo in silos.Where(s => !s.HasExited))
            {
                await silo.StopAsync(TimeSpan.FromSeconds(60));
            }

            var stored = await ReadCardStatesAsync(database.ConnectionString);
            stored.Keys.ToHashSet().SetEquals(traffic.Select(t => t.CardId)).Should().BeTrue("every card, and only those, must be stored");
            var mismatches = new List<string>();
            foreach (var card in traffic.GroupBy(t => t.CardId))
            {
                var replay = new CardBehaviour();
                foreach (var transaction in card)
                {
                    replay.Apply(transaction);
                }

                var expected = new ArrayBufferWriter<byte>();
                replay.WriteTo(expected);
                if (!expected.WrittenSpan.SequenceEqual(stored[card.Key]))
                {
                    mismatches.Add(card.Key);
                }
            }

            Progress($"{stored.Count} cards compared, {mismatches.Count} differ");
            mismatches.Should().BeEmpty("every card's stored windows must equal a replay of exactly its transactions");
        }
        catch
        {
            foreach (var silo in silos)
            {
                output.WriteLine(silo.Output);
            }

            throw;
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static void Progress(string line)
    {
        if (Environment.GetEnvironmentVariable("FA_CLUSTER_LOG") is { Length: > 0 } path)
        {
            lock (typeof(SiloProcess))
            {
                File.AppendAllText(path, $"[test {DateTime.UtcNow:HH:mm:ss}] {line}\n");
            }
        }
    }

    private static (List<CardTransaction> Traffic, List<(string Key, byte[] Value)> Malformed) Generate()
    {
        var random = new Random(20261122);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var traffic = new List<CardTransaction>(Transactions);
        for (var i = 0; i < Transactions; i++)
        {
            // Event time within one day: merchant windows (days before the label delay) stay empty on every silo,
            // so a replayed transaction must score exactly as it did the first time.
            var card = $"card-{random.Next(Cards):D5}";
            var amount = Math.Round((decimal)(random.NextDouble() * 300 + 1), 2);
            traffic.Add(new CardTransaction(
                $"tx-{i:D7}",
                card,
                start.AddMilliseconds(i * 300L),
                amount,
                "EUR",
                $"m-{random.Next(Merchants):D4}",
                Categories[random.Next(Categories.Length)],
                Channel.CardPresent,
                null,
                45 + random.NextDouble(),
                7 + random.NextDouble()));
        }

        var malformed = new List<(string, byte[])>(Malformed);
        for (var i = 0; i < Malformed; i++)
        {
            malformed.Add(($"card-{i:D5}", Encoding.UTF8.GetBytes(i % 2 == 0 ? $"{{\"broken\": {i}" : $"{{\"transactionId\":\"bad-{i}\",\"cardId\":\"card-{i:D5}\",\"amount\":-1}}")));
        }

        return (traffic, malformed);
    }

    private static async Task<long> AuditedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The audit writer creates its table at its first batch.
        await using var exists = new NpgsqlCommand("SELECT to_regclass('decision_audit') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand("SELECT count(*) FROM decision_audit", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> DescribeGapAsync(string connectionString, List<CardTransaction> traffic)
    {
        var expected = traffic.GroupBy(t => Murmur2Partitioner.Partition(t.CardId, Partitions)).ToDictionary(g => g.Key, g => g.Count());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT stream_partition, count(*), max(stream_offset) FROM decision_audit GROUP BY 1 ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new StringBuilder("Audited per partition (audited/expected, max offset):\n");
        while (await reader.ReadAsync())
        {
            var partition = reader.GetInt32(0);
            lines.Append(CultureInfo.InvariantCulture, $"  p{partition}: {reader.GetInt64(1)}/{expected.GetValueOrDefault(partition)} max {reader.GetInt64(2)}\n");
        }

        return lines.ToString();
    }

    private static List<DecisionRecord> ReadDecisions(string bootstrapServers)
    {
        var records = KafkaTopicReader.Read(bootstrapServers, "decisions", Transactions, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2));
        var decisions = new List<DecisionRecord>(records.Count);
        foreach (var record in records)
        {
            using var json = JsonDocument.Parse(record.Value);
            var root = json.RootElement;
            decisions.Add(new DecisionRecord(
                root.GetProperty("transactionId").GetString()!,
                root.GetProperty("outcome").GetString()!,
                root.GetProperty("decision").GetString()!,
                root.GetProperty("probability").ValueKind == JsonValueKind.Number ? root.GetProperty("probability").GetSingle() : float.NaN));
        }

        return decisions;
    }

    private static async Task<Dictionary<string, byte[]>> ReadCardStatesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT grain_key, schema_version, payload FROM grain_state WHERE grain_type = 'cardholder'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            // Decode and re-encode, so the comparison is of windows, not of an older encoding's bytes.
            var behaviour = CardBehaviour.ReadFrom(reader.GetFieldValue<byte[]>(2), reader.GetInt32(1));
            var buffer = new ArrayBufferWriter<byte>();
            behaviour.WriteTo(buffer);
            states[reader.GetString(0)] = buffer.WrittenSpan.ToArray();
        }

        return states;
    }

    private sealed record DecisionRecord(string TransactionId, string Outcome, string Decision, float Probability);
}
