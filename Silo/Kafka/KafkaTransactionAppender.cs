using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// Appends to the transactions topic through one <see cref="KafkaTransactionProducer"/>, created at the first append
/// (the topic's metadata is read then, not while the host is being built). With <see cref="MaxAhead"/> set (the
/// single-process mock cluster, which keeps only a few MiB per partition) it waits while this process's own silo is
/// more than that many records behind, instead of letting the broker drop what nobody has read yet.
/// </summary>
internal sealed class KafkaTransactionAppender(IOptions<KafkaOptions> options, IngestionMetrics metrics, TimeProvider time) : ITransactionAppender, IDisposable
{
    private readonly Lazy<KafkaTransactionProducer> _producer = new(() => new KafkaTransactionProducer(options.Value));
    private long _appended;

    /// <summary>Records produced but not yet decided by this process beyond which an append waits; 0 = never wait.</summary>
    public long MaxAhead { get; init; }

    /// <summary>Records the broker confirmed.</summary>
    public long Delivered => _producer.IsValueCreated ? _producer.Value.Delivered : 0;

    public async ValueTask AppendAsync(CardTransaction transaction, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (MaxAhead > 0 && _appended - metrics.ProcessedTotal - metrics.FailedTotal > MaxAhead)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), time, cancellationToken).ConfigureAwait(false);
        }

        _producer.Value.Produce(transaction);
        _appended++;
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
