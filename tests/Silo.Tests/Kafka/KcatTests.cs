using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Kafka;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Tests.Kafka;

/// <summary>A client nobody here wrote: kcat produces a transaction and reads its decision back.</summary>
public sealed class KcatTests
{
    [KcatFact]
    public async Task Kcat_with_the_murmur2_partitioner_agrees_with_ours()
    {
        Kcat.Require();
        using var cluster = new KafkaMockCluster();
        const int partitions = 7;
        cluster.CreateTopic("partitioning", partitions);
        var keys = Enumerable.Range(0, 60).Select(i => $"card-{i * 7919}").Append("ünïcødé-card").ToArray();
        await Kcat.RunAsync(
            string.Concat(keys.Select(k => $"{k}:x\n")),
            "-P", "-b", cluster.BootstrapServers, "-t", "partitioning", "-K:", "-X", "partitioner=murmur2_random");

        var landed = await ReadAllAsync(cluster, "partitioning", "%k %p\\n", keys.Length);
        var actual = landed.Select(line => line.Split(' ')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        actual.Should().HaveCount(keys.Length);
        foreach (var key in keys)
        {
            actual[key].Should().Be(Murmur2Partitioner.Partition(key, partitions), $"key {key}");
        }
    }

    [KcatFact]
    public async Task A_transaction_produced_with_kcat_gets_its_decision_read_with_kcat()
    {
        Kcat.Require();
        using var cluster = new KafkaMockCluster();
        var options = KafkaIngestionTests.Options(cluster);
        cluster.CreateTopics(options, 4);
        await using var silo = new KafkaSilo(o => KafkaIngestionTests.Configure(o, cluster, 64));
        await silo.StartAsync();

        var transaction = new CardTransaction(
            "kcat-tx-1", "kcat-card-1", new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero), 19.99m, "EUR", "m-kcat", "grocery", Channel.Online);
        var json = Encoding.UTF8.GetString(TransactionJson.Serialize(transaction));
        await Kcat.RunAsync(
            $"{transaction.CardId}:{json}\n",
            "-P", "-b", cluster.BootstrapServers, "-t", "transactions", "-K:", "-X", "partitioner=murmur2_random", "-H", "schema-version=1");

        var lines = await ReadAllAsync(cluster, "decisions", "%k\\t%s\\n", 1, seconds: 30);
        lines.Should().ContainSingle();
        var parts = lines[0].Split('\t');
        parts[0].Should().Be(transaction.CardId);
        var decision = JsonDocument.Parse(parts[1]).RootElement;
        decision.GetProperty("transactionId").GetString().Should().Be(transaction.TransactionId);
        decision.GetProperty("decision").GetString().Should().NotBeNullOrEmpty();
        silo.Sink.Outcomes.Should().ContainSingle()
            .Which.Record.Partition.Should().Be(Murmur2Partitioner.Partition(transaction.CardId, 4));
    }

    /// <summary>Reads a topic with kcat (-o beginning -e) until at least <paramref name="expected"/> lines came back.</summary>
    private static async Task<List<string>> ReadAllAsync(KafkaMockCluster cluster, string topic, string format, int expected, int seconds = 15)
    {
        var lines = new List<string>();
        var started = TimeProvider.System.GetTimestamp();
        while (lines.Count < expected)
        {
            if (TimeProvider.System.GetElapsedTime(started).TotalSeconds > seconds)
            {
                throw new TimeoutException($"kcat read {lines.Count} of {expected} records from {topic}.");
            }

            var output = await Kcat.RunAsync(string.Empty, "-C", "-b", cluster.BootstrapServers, "-t", topic, "-o", "beginning", "-e", "-q", "-f", format.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal));
            // Each kcat run connects afresh (about 100 ms), which paces the retries.
            lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }

        return lines;
    }
}
