using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Kafka;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudActors.Silo.Tests.Kafka;

public sealed class KafkaDecisionSinkTests
{
    [Fact]
    public void A_full_producer_queue_makes_the_partition_wait_and_no_decision_is_dropped()
    {
        using var cluster = new KafkaMockCluster();
        var options = KafkaIngestionTests.Options(cluster);
        options.DecisionQueueMaxMessages = 20;
        cluster.CreateTopics(options, 2);
        const int Decisions = 3_000;
        using (var sink = new KafkaDecisionSink(Microsoft.Extensions.Options.Options.Create(options), NullLogger<KafkaDecisionSink>.Instance))
        {
            var transaction = new CardTransaction("t", "card-1", DateTimeOffset.UnixEpoch, 1m, "EUR", "m", "grocery", Channel.Online);
            for (var i = 0; i < Decisions; i++)
            {
                var outcome = new TransactionOutcome($"t-{i}", "card-1", FeatureOutcome.Applied, default, default, null);
                sink.Accept(new StreamRecord(0, i, transaction, 0), outcome);
            }

            sink.Flush(TimeSpan.FromSeconds(30)).Should().Be(0);
            sink.QueueFullWaits.Should().BeGreaterThan(0, "a 20-message queue cannot hold 3,000 decisions produced in a tight loop");
            sink.Dropped.Should().Be(0);
            sink.Produced.Should().Be(Decisions);
        }

        KafkaTopicReader.Read(cluster.BootstrapServers, options.DecisionsTopic, Decisions, TimeSpan.FromSeconds(20)).Should().HaveCount(Decisions);
    }
}
