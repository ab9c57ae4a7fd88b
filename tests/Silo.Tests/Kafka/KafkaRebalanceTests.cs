using FraudActors.Silo.Kafka;
using FraudActors.Silo.Tests.GrainState;
using Xunit.Abstractions;

namespace FraudActors.Silo.Tests.Kafka;

/// <summary>Two silos in one consumer group: the second takes over partitions, and nothing is decided twice.</summary>
public sealed class KafkaRebalanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_joining_silo_takes_over_partitions_with_no_transaction_lost_or_decided_twice()
    {
        using var cluster = new KafkaMockCluster();
        var options = KafkaIngestionTests.Options(cluster);
        cluster.CreateTopics(options, 6);
        var traffic = CardTraffic.Generate(seed: 11, cards: 200, transactions: 6_000).Before;
        var half = traffic.Count / 2;

        await using var first = new KafkaSilo(o => KafkaIngestionTests.Configure(o, cluster, 64));
        await using var second = new KafkaSilo(o => KafkaIngestionTests.Configure(o, cluster, 64));
        using var producer = new KafkaTransactionProducer(options);
        await first.StartAsync();
        for (var i = 0; i < half; i++)
        {
            producer.Produce(traffic[i]);
        }

        producer.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        await Await.UntilAsync(() => first.Sink.Outcomes.Count >= half, () => $"first silo decided {first.Sink.Outcomes.Count} of {half}", seconds: 20);

        // Hand over when caught up: the mock cluster refuses commits for the whole rebalance (REBALANCE_IN_PROGRESS,
        // where Kafka accepts them until the group completes), so work finished after the last periodic commit
        // would be replayed by the new owner.
        var rounds = first.Ingestion.CommitRounds;
        await Await.UntilAsync(
            () => first.Ingestion.CommitRounds >= rounds + 2 && first.Ingestion.PartitionsBehindCommit == 0,
            () => $"{first.Ingestion.PartitionsBehindCommit} partitions behind",
            seconds: 10);
        await second.StartAsync();
        await Await.UntilAsync(
            () => second.Ingestion.AssignedPartitions.Count > 0 && first.Ingestion.AssignedPartitions.Count + second.Ingestion.AssignedPartitions.Count == 6,
            () => $"first owns {first.Ingestion.AssignedPartitions.Count}, second owns {second.Ingestion.AssignedPartitions.Count}",
            seconds: 20);
        for (var i = half; i < traffic.Count; i++)
        {
            producer.Produce(traffic[i]);
        }

        producer.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        await Await.UntilAsync(
            () => first.Sink.Outcomes.Count + second.Sink.Outcomes.Count >= traffic.Count,
            () => $"decided {first.Sink.Outcomes.Count} + {second.Sink.Outcomes.Count} of {traffic.Count}",
            seconds: 20);
        // Taken before the silos stop: leaving the group is a rebalance of its own, which the mock may replay.
        var firstOutcomes = first.Sink.Outcomes.ToArray();
        var secondOutcomes = second.Sink.Outcomes.ToArray();
        first.Ingestion.AssignedPartitions.Intersect(second.Ingestion.AssignedPartitions).Should().BeEmpty();
        await first.StopAsync();
        await second.StopAsync();

        foreach (var line in first.Log.Lines.Select(l => "first: " + l).Concat(second.Log.Lines.Select(l => "second: " + l)))
        {
            output.WriteLine(line);
        }

        output.WriteLine($"first decided {firstOutcomes.Length}, second {secondOutcomes.Length}");
        secondOutcomes.Should().NotBeEmpty("the second silo owns partitions after the rebalance");
        var decided = firstOutcomes.Concat(secondOutcomes).Select(o => o.Outcome.TransactionId).Order(StringComparer.Ordinal).ToArray();
        decided.Should().Equal(traffic.Select(t => t.TransactionId).Order(StringComparer.Ordinal), "a graceful rebalance commits before handing over");
    }
}
