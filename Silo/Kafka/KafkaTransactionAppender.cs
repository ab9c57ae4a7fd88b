using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// Appends to the transactions topic through one <see cref="KafkaTransactionProducer"/>, created at the first append
/// (the topic's metadata is read then, not while the host is being built).
/// </summary>
internal sealed class KafkaTransactionAppender(IOptions<KafkaOptions> options) : ITransactionAppender, IDisposable
{
    private readonly Lazy<KafkaTransactionProducer> _producer = new(() => new KafkaTransactionProducer(options.Value));

    /// <summary>Records the broker confirmed.</summary>
    public long Delivered => _producer.IsValueCreated ? _producer.Value.Delivered : 0;

    public ValueTask AppendAsync(CardTransaction transaction, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _producer.Value.Produce(transaction);
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }
    }
}
