using System.Text;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Kafka;

namespace FraudActors.Silo.Tests.Kafka;

/// <summary>The labels topic feeds the merchant risk grains of the silo that owns the labelled card.</summary>
public sealed class KafkaLabelsTests
{
    private const int Partitions = 4;

    [Fact]
    public async Task A_fraud_label_on_the_labels_topic_reaches_the_merchant_and_a_malformed_one_goes_to_the_dlq()
    {
        using var cluster = new KafkaMockCluster();
        var options = KafkaIngestionTests.Options(cluster);
        cluster.CreateTopics(options, Partitions);
        var day = new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
        var sale = new CardTransaction("lab-tx-1", "lab-card", day, 80m, "EUR", "lab-merchant", "electronics", Channel.Online);

        await using var silo = new KafkaSilo(o => KafkaIngestionTests.Configure(o, cluster, maxInFlight: 16));
        await silo.StartAsync();
        using (var producer = new KafkaTransactionProducer(options))
        {
            producer.Produce(sale);
            producer.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        }

        await Await.UntilAsync(() => silo.Sink.Outcomes.Count == 1, () => "the sale was decided\n" + string.Join("\n", silo.Log.Lines), seconds: 30);
        using (var labels = new KafkaLabelProducer(options))
        {
            labels.Produce(sale.CardId, new TransactionLabel(sale.TransactionId, sale.MerchantId, sale.Timestamp, IsFraud: true, day.AddDays(2)));
            labels.Produce(sale.CardId, new TransactionLabel(sale.TransactionId, sale.MerchantId, sale.Timestamp, IsFraud: true, day.AddDays(3)));
            labels.ProduceRaw(sale.CardId, Encoding.UTF8.GetBytes("{\"transactionId\":\"x\",\"isFraud\":\"yes\"}"));
            labels.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        }

        await Await.UntilAsync(
            () => silo.Ingestion.Labels == 2 && silo.Ingestion.DeadLettered == 1,
            () => $"labels applied {silo.Ingestion.Labels}, dead-lettered {silo.Ingestion.DeadLettered}",
            seconds: 30);

        // Once the label delay has passed, the merchant's 1-day window holds the sale and its (single) fraud label.
        var seen = await silo.Grains.GetGrain<IMerchantGrain>(sale.MerchantId).ObserveAsync(day.AddDays(8));
        seen.TxCount1d.Should().Be(1);
        seen.Risk1d.Should().Be(1f, "the repeated label counts once");

        var dead = KafkaTopicReader.Read(cluster.BootstrapServers, options.DeadLetterTopic, 1, TimeSpan.FromSeconds(10));
        dead.Should().ContainSingle().Which.Headers["source-topic"].Should().Be(options.LabelsTopic);
    }
}
