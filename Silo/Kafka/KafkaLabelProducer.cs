using Confluent.Kafka;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// Produces confirmed fraud/genuine labels to the labels topic, keyed by the card id on the murmur2 partition, so a
/// label reaches the silo that owns the card (and sees the merchant's transactions from that card).
/// </summary>
public sealed class KafkaLabelProducer : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;

    public KafkaLabelProducer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _topic = options.LabelsTopic;
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = options.BootstrapServers, Acks = Acks.All }).Build();
        try
        {
            PartitionCount = KafkaTopics.PartitionCount(_producer.Handle, _topic, TimeSpan.FromSeconds(10));
        }
        catch
        {
            _producer.Dispose();
            throw;
        }
    }

    public int PartitionCount { get; }

    public void Produce(string cardId, TransactionLabel label) => ProduceRaw(cardId, LabelJson.Serialize(label));

    /// <summary>Produces an already encoded value (tests inject malformed labels this way).</summary>
    public void ProduceRaw(string cardId, byte[] value)
    {
        var partition = new TopicPartition(_topic, new Partition(Murmur2Partitioner.Partition(cardId, PartitionCount)));
        _producer.Produce(partition, new Message<string, byte[]> { Key = cardId, Value = value });
    }

    /// <summary>Waits until every label is delivered or the timeout passes; returns how many are still queued.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();
}
