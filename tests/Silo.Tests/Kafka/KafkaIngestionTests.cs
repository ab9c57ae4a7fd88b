using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Cardholder;
using FraudActors.Silo.Kafka;
using FraudActors.Silo.Streaming;
using FraudActors.Silo.Tests.GrainState;
using FraudActors.Silo.Tests.Runtime;
using Xunit.Abstractions;

namespace FraudActors.Silo.Tests.Kafka;

/// <summary>One silo as a consumer-group member against librdkafka's mock cluster.</summary>
public sealed class KafkaIngestionTests(ITestOutputHelper output)
{
    private const int Partitions = 8;

    [Fact]
    public async Task Every_valid_transaction_gets_one_decision_in_card_order_and_malformed_ones_go_to_the_dlq()
    {
        using var cluster = new KafkaMockCluster();
        var options = Options(cluster);
        cluster.CreateTopics(options, Partitions);
        var traffic = CardTraffic.Generate(seed: 5, cards: 500, transactions: 20_000).Before;
        traffic.Count.Should().BeGreaterThanOrEqualTo(20_000);
        var malformed = Malformed(traffic);
        var random = new Random(17);
        var injectAt = Enumerable.Range(0, malformed.Count).Select(_ => random.Next(traffic.Count)).Order().ToArray();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var producer = new KafkaTransactionProducer(options))
        {
            producer.PartitionCount.Should().Be(Partitions);
            var next = 0;
            for (var i = 0; i < traffic.Count; i++)
            {
                while (next < injectAt.Length && injectAt[next] == i)
                {
                    producer.ProduceRaw(malformed[next].Key, malformed[next].Value);
                    next++;
                }

                producer.Produce(traffic[i]);
            }

            producer.Flush(TimeSpan.FromSeconds(30)).Should().Be(0);
            producer.DeliveryFailures.Should().Be(0);
        }

        output.WriteLine($"produced in {clock.Elapsed.TotalSeconds:F1} s");
        await using var silo = new KafkaSilo(o => Configure(o, cluster, maxInFlight: 128));
        var started = clock.Elapsed;
        await silo.StartAsync();
        await Await.UntilAsync(
            () => silo.Sink.Outcomes.Count >= traffic.Count,
            () => $"every valid transaction was decided (decided {silo.Sink.Outcomes.Count}, consumed {silo.Ingestion.Consumed}, pauses {silo.Ingestion.Pauses}, lag {silo.Ingestion.TotalLag})",
            seconds: 40);
        var elapsed = clock.Elapsed - started;
        await silo.StopAsync();

        // Exactly one decision per valid transaction on the decisions topic, keyed by card id.
        output.WriteLine($"stopped at {clock.Elapsed.TotalSeconds:F1} s");
        var decisions = KafkaTopicReader.Read(cluster.BootstrapServers, options.DecisionsTopic, traffic.Count, TimeSpan.FromSeconds(20));
        decisions.Should().HaveCount(traffic.Count);
        var decided = decisions.Select(d => (Key: d.Key, Json: JsonDocument.Parse(d.Value).RootElement)).ToList();
        // Sorted and compared with Equal: BeEquivalentTo is quadratic on 20,000 items.
        decided.Select(d => d.Json.GetProperty("transactionId").GetString()!).Order(StringComparer.Ordinal)
            .Should().Equal(traffic.Select(t => t.TransactionId).Order(StringComparer.Ordinal));
        decided.Should().OnlyContain(d => d.Key == d.Json.GetProperty("cardId").GetString());
        silo.Decisions.Dropped.Should().Be(0);

        // The DLQ holds exactly the malformed records, each with its reason and source position.
        var dead = KafkaTopicReader.Read(cluster.BootstrapServers, options.DeadLetterTopic, malformed.Count, TimeSpan.FromSeconds(10));
        dead.Should().HaveCount(malformed.Count);
        dead.Select(d => Encoding.UTF8.GetString(d.Value)).Should().BeEquivalentTo(malformed.Select(m => Encoding.UTF8.GetString(m.Value)));
        dead.Should().OnlyContain(d => d.Headers.ContainsKey("dlq-reason") && d.Headers.ContainsKey("source-partition") && d.Headers.ContainsKey("source-offset"));
        dead.Count(d => d.Headers["dlq-reason"].StartsWith("invalid JSON", StringComparison.Ordinal)).Should().Be(malformed.Count(m => m.Kind == "json"));
        dead.Count(d => d.Headers["dlq-reason"].StartsWith("amount:", StringComparison.Ordinal)).Should().Be(malformed.Count(m => m.Kind == "amount"));
        dead.Count(d => d.Headers["dlq-reason"].StartsWith("merchantCategory:", StringComparison.Ordinal)).Should().Be(malformed.Count(m => m.Kind == "category"));
        silo.Ingestion.DeadLettered.Should().Be(malformed.Count);

        output.WriteLine($"topics read at {clock.Elapsed.TotalSeconds:F1} s");
        // Per-card order: every outcome's card features equal CardBehaviour fed the card's stream directly.
        var expected = new Dictionary<string, CardFeatures>(StringComparer.Ordinal);
        var behaviours = new Dictionary<string, CardBehaviour>(StringComparer.Ordinal);
        foreach (var transaction in traffic)
        {
            if (!behaviours.TryGetValue(transaction.CardId, out var behaviour))
            {
                behaviours[transaction.CardId] = behaviour = new CardBehaviour();
            }

            expected[transaction.TransactionId] = behaviour.Apply(transaction).Features;
        }

        var outcomes = silo.Sink.Outcomes.ToArray();
        outcomes.Should().HaveCount(traffic.Count);
        outcomes.Where(o => !o.Outcome.Card.Equals(expected[o.Outcome.TransactionId])).Select(o => o.Outcome.TransactionId)
            .Should().BeEmpty("the grains saw each card's transactions in produced order");
        outcomes.Should().OnlyContain(o => o.Record.Partition == Murmur2Partitioner.Partition(o.Outcome.CardId, Partitions));
        silo.Ingestion.Pauses.Should().BeGreaterThan(0, "a window of 128 per partition must have paused the consumer");

        output.WriteLine($"compared at {clock.Elapsed.TotalSeconds:F1} s");
        // A graceful stop committed everything: a new member of the group has nothing left to read.
        await using var successor = new KafkaSilo(o => Configure(o, cluster, maxInFlight: 16));
        await successor.StartAsync();
        await Eventually.TrueAsync(() => successor.Ingestion.AssignedPartitions.Count == Partitions, "the successor owns every partition", seconds: 20);
        await Eventually.TrueAsync(() => successor.Ingestion.CommitRounds >= 2, "the successor has polled for a while", seconds: 10);
        successor.Ingestion.Consumed.Should().Be(0, "the committed offsets were at the end of every partition");
        output.WriteLine($"successor checked at {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"Kafka ingestion: {traffic.Count} transactions in {elapsed.TotalSeconds:F1} s including the group join");
    }

    internal static KafkaOptions Options(KafkaMockCluster cluster)
    {
        var options = new KafkaOptions();
        Configure(options, cluster, 64);
        return options;
    }

    internal static void Configure(KafkaOptions options, KafkaMockCluster cluster, int maxInFlight)
    {
        options.BootstrapServers = cluster.BootstrapServers;
        options.MaxInFlightPerPartition = maxInFlight;
        options.CommitIntervalMs = 200;
        options.FetchWaitMaxMs = 10;
    }

    private static List<(string Kind, string Key, byte[] Value)> Malformed(IReadOnlyList<CardTransaction> traffic)
    {
        var list = new List<(string, string, byte[])>();
        for (var i = 0; i < 50; i++)
        {
            var source = traffic[i * 7];
            var kind = (i % 3) switch { 0 => "json", 1 => "amount", _ => "category" };
            var value = kind switch
            {
                "json" => Encoding.UTF8.GetBytes($"{{\"transactionId\": \"bad-{i}\", \"cardId\": "),
                "amount" => TransactionJson.Serialize(source with { TransactionId = $"bad-{i}", Amount = -5m - i }),
                _ => TransactionJson.Serialize(source with { TransactionId = $"bad-{i}", MerchantCategory = "unicorns" }),
            };
            list.Add((kind, source.CardId, value));
        }

        return list;
    }
}
