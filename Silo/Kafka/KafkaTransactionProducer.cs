using Confluent.Kafka;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// Produces transactions to the transactions topic, keyed by card id, on the partition
/// <see cref="Murmur2Partitioner"/> computes. The partition is set explicitly rather than left to librdkafka (whose
/// default is consistent_random), so our producers agree with Java clients whatever their configuration.
/// When librdkafka's local queue is full, <see cref="Produce"/> waits for deliveries instead of dropping.
/// </summary>
public sealed class KafkaTransactionProducer : IDisposable
{
    private static readonly Headers SchemaHeaders = new() { { TransactionJson.SchemaVersionHeader, "1"u8.ToArray() } };
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly Action<DeliveryReport<string, byte[]>> _delivered;
    private long _failures;
    private long _deliveredCount;

    /// <param name="options">Bootstrap servers and the transactions topic.</param>
    /// <param name="metadataTimeout">How long to wait for the topic's partition count (10 s by default).</param>
    /// <param name="lingerMs">
    /// How long librdkafka may hold a record to batch it with the next (linger.ms): 5 ms suits one request at a time;
    /// a bulk loader gets fewer, larger batches (less work for the broker per record) with 50–100 ms.
    /// </param>
    public KafkaTransactionProducer(KafkaOptions options, TimeSpan? metadataTimeout = null, int lingerMs = 5)
    {
        ArgumentNullException.ThrowIfNull(options);
        _topic = options.TransactionsTopic;
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            LingerMs = lingerMs,
            Acks = Acks.All,
        }).Build();
        _delivered = OnDelivered;
        try
        {
            PartitionCount = KafkaTopics.PartitionCount(_producer.Handle, _topic, metadataTimeout ?? TimeSpan.FromSeconds(10));
        }
        catch
        {
            _producer.Dispose();
            throw;
        }
    }

    public int PartitionCount { get; }

    /// <summary>Records librdkafka reported as not delivered.</summary>
    public long DeliveryFailures => Interlocked.Read(ref _failures);

    /// <summary>Records librdkafka confirmed.</summary>
    public long Delivered => Interlocked.Read(ref _deliveredCount);

    public int PartitionOf(string cardId) => Murmur2Partitioner.Partition(cardId, PartitionCount);

    public void Produce(CardTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ProduceRaw(transaction.CardId, TransactionJson.Serialize(transaction));
    }

    /// <summary>Produces an already encoded value (tests inject malformed records this way).</summary>
    public void ProduceRaw(string key, byte[] value)
    {
        var message = new Message<string, byte[]> { Key = key, Value = value, Headers = SchemaHeaders };
        var partition = new TopicPartition(_topic, new Partition(PartitionOf(key)));
        while (true)
        {
            try
            {
                _producer.Produce(partition, message, _delivered);
                return;
            }
            catch (ProduceException<string, byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Backpressure for a producer: serve delivery reports until the local queue has room.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    /// <summary>Waits until every record is delivered or the timeout passes; returns how many are still queued.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose() => _producer.Dispose();

    private void OnDelivered(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failures);
        }
        else
        {
            Interlocked.Increment(ref _deliveredCount);
        }
    }
}
