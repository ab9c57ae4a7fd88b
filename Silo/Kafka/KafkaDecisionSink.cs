using Confluent.Kafka;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// Produces every decision to the decisions topic, keyed by card id with librdkafka's murmur2 partitioner (the
/// Java one). <see cref="Accept"/> never blocks: the record goes into librdkafka's own bounded queue. When that
/// queue is full (broker unreachable for long, or a burst beyond queue.buffering.max.messages) the decision is
/// counted in <see cref="Dropped"/> and logged, not retried: the audit log still has it, and the ingestion
/// service flushes this queue before it commits offsets, so a drop never hides behind a committed offset
/// silently — it shows in the counter and the log.
/// </summary>
internal sealed partial class KafkaDecisionSink : IDecisionSink, IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly ILogger<KafkaDecisionSink> _logger;
    private readonly Action<DeliveryReport<string, byte[]>> _delivered;
    private readonly SettleCounter _settled = new();
    private long _produced;
    private long _dropped;
    private long _failures;
    private long _waits;
    private int _disposed;

    public KafkaDecisionSink(IOptions<KafkaOptions> options, ILogger<KafkaDecisionSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _topic = options.Value.DecisionsTopic;
        _logger = logger;
        _delivered = OnDelivered;
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = options.Value.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 5,
            Acks = Acks.All,
            QueueBufferingMaxMessages = options.Value.DecisionQueueMaxMessages,
            // The delivery handler reads only the status: librdkafka need not hand back timestamps and headers.
            DeliveryReportFields = "status",
        }).Build();
    }

    /// <summary>Decisions handed to librdkafka.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Times a producing partition waited because librdkafka's queue was full (backpressure).</summary>
    public long QueueFullWaits => Interlocked.Read(ref _waits);

    /// <summary>Decisions dropped: only while the sink is being disposed with librdkafka's queue full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Decisions whose delivery librdkafka has reported, delivered or not.</summary>
    public long Settled => _settled.Value;

    /// <summary>
    /// Waits until at least <paramref name="produced"/> decisions have a delivery report (reports arrive on librdkafka's
    /// background thread), without blocking a thread: a card's state may only be stored after its decisions are out.
    /// </summary>
    /// <returns>False when <paramref name="timeout"/> passed first.</returns>
    public Task<bool> WaitSettledAsync(long produced, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return _settled.WaitAsync(produced, timeout, time);
    }

    /// <summary>Decisions librdkafka reported as not delivered.</summary>
    public long DeliveryFailures => Interlocked.Read(ref _failures);

    public void Accept(in StreamRecord record, TransactionOutcome outcome)
    {
        var message = new Message<string, byte[]> { Key = outcome.CardId, Value = DecisionJson.Serialize(outcome) };
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message, _delivered);
                Interlocked.Increment(ref _produced);
                return;
            }
            catch (ProduceException<string, byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Backpressure: the producing partition waits for deliveries (its offsets cannot be committed before
                // them anyway) instead of dropping a decision. Only a sink being disposed gives up.
                if (Volatile.Read(ref _disposed) != 0)
                {
                    var dropped = Interlocked.Increment(ref _dropped);
                    LogDropped(_logger, outcome.TransactionId, dropped);
                    return;
                }

                Interlocked.Increment(ref _waits);
                _producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    /// <summary>Waits until librdkafka has delivered every queued decision; returns how many are still queued.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    public void Dispose()
    {
        // The container disposes it once as itself and once as an IDecisionSink.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }

    private void OnDelivered(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            var failures = Interlocked.Increment(ref _failures);
            if (failures == 1 || failures % 10_000 == 0)
            {
                LogDeliveryFailed(_logger, report.Error.Reason, failures);
            }
        }

        // Counted after the failure, so a checkpoint released by this report already sees it.
        _settled.Add(1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decisions queue full while stopping: dropped the decision of {TransactionId} ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string transactionId, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A decision was not delivered: {Reason} ({Failures} so far)")]
    private static partial void LogDeliveryFailed(ILogger logger, string reason, long failures);
}
