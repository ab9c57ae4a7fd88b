using System.Threading.Channels;
using FraudActors.Grains.Abstractions.Transactions;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Streaming;

/// <summary>
/// The embedded stand-in for the Kafka topic: partitions chosen by the same murmur2 partitioner, offsets per
/// partition, per-key order. Each partition is a bounded queue: a producer that outruns the silo waits
/// (backpressure) instead of growing memory without limit.
/// </summary>
internal sealed class InMemoryTransactionStream : ITransactionAppender
{
    private readonly Channel<StreamRecord>[] _partitions;
    private readonly long[] _nextOffsets;
    private readonly Lock[] _appendLocks;
    private readonly TimeProvider _time;

    public InMemoryTransactionStream(IOptions<InMemoryStreamOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        _time = time;
        _partitions = new Channel<StreamRecord>[settings.Partitions];
        _nextOffsets = new long[settings.Partitions];
        _appendLocks = new Lock[settings.Partitions];
        for (var i = 0; i < _partitions.Length; i++)
        {
            _partitions[i] = System.Threading.Channels.Channel.CreateBounded<StreamRecord>(new BoundedChannelOptions(settings.CapacityPerPartition)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _appendLocks[i] = new Lock();
        }
    }

    public int PartitionCount => _partitions.Length;

    /// <summary>Records appended so far, all partitions.</summary>
    public long Appended
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _nextOffsets.Length; i++)
            {
                total += Volatile.Read(ref _nextOffsets[i]);
            }

            return total;
        }
    }

    public ChannelReader<StreamRecord> Reader(int partition) => _partitions[partition].Reader;

    /// <summary>Appends to the card's partition; waits while that partition is full.</summary>
    public async ValueTask AppendAsync(CardTransaction transaction, CancellationToken cancellationToken)
    {
        var partition = Murmur2Partitioner.Partition(transaction.CardId, _partitions.Length);
        var writer = _partitions[partition].Writer;
        while (true)
        {
            // Offsets must follow queue order, so take the offset and write under one lock; when full, wait outside it.
            lock (_appendLocks[partition])
            {
                var offset = _nextOffsets[partition];
                if (writer.TryWrite(new StreamRecord(partition, offset, transaction, _time.GetTimestamp())))
                {
                    Volatile.Write(ref _nextOffsets[partition], offset + 1);
                    return;
                }
            }

            if (!await writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The stream is closed.");
            }
        }
    }

    /// <summary>No more records; readers finish what is queued.</summary>
    public void Complete()
    {
        foreach (var partition in _partitions)
        {
            partition.Writer.TryComplete();
        }
    }
}
