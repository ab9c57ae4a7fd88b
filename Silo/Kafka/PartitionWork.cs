using System.Threading.Channels;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// One assigned partition: its pipeline, the bounded hand-off from the consume loop to the pipeline's worker,
/// and the offsets the consume loop needs to commit safely. Everything but the channel and the pipeline's
/// completed offset is touched only by the consume loop's thread.
/// </summary>
internal sealed class PartitionWork(int partition, PartitionPipeline pipeline, int capacity)
{
    public int Partition => partition;

    public PartitionPipeline Pipeline => pipeline;

    public Channel<StreamRecord> Queue { get; } = Channel.CreateBounded<StreamRecord>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Records librdkafka returned after the partition was paused; bounded by its fetch queue.</summary>
    public Queue<StreamRecord> Held { get; } = new();

    public Task Worker { get; set; } = Task.CompletedTask;

    public bool Paused { get; set; }

    /// <summary>The first offset seen in this assignment: the group's position when we got the partition.</summary>
    public long FirstOffset { get; set; } = -1;

    /// <summary>The newest offset returned by the consumer (valid, dead-lettered or held).</summary>
    public long LastConsumedOffset { get; set; } = -1;

    /// <summary>The newest offset handed (or held) for the pipeline.</summary>
    public long LastDispatchedOffset { get; set; } = -1;

    public long LastCommittedOffset { get; set; } = -1;

    private long _lag;

    /// <summary>High watermark minus the next offset to consume, as of the last commit round.</summary>
    public long Lag
    {
        get => Volatile.Read(ref _lag);
        set => Volatile.Write(ref _lag, value);
    }

    /// <summary>
    /// The offset to commit (next to read), or -1 when nothing new is done. Every dispatched record at or below
    /// the pipeline's completed offset is done; when the pipeline has finished all it was given, every consumed
    /// record is done, dead-lettered ones included (their DLQ write was confirmed before the next consume).
    /// </summary>
    public long CommittableOffset()
    {
        if (LastConsumedOffset < 0)
        {
            return -1;
        }

        var completed = pipeline.CompletedOffset;
        var next = completed >= LastDispatchedOffset ? LastConsumedOffset + 1 : completed + 1;
        return next > FirstOffset && next > LastCommittedOffset ? next : -1;
    }
}
