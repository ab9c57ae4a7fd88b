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
    private long _checkpointed = -1;
    private int _checkpointRequested;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Every record at or below this offset is processed, published, audited and reflected in stored card state:
    /// the highest offset whose successor is safe to commit.
    /// </summary>
    public long CheckpointedOffset
    {
        get => Volatile.Read(ref _checkpointed);
        set => Volatile.Write(ref _checkpointed, value);
    }

    public bool CheckpointRequested => Volatile.Read(ref _checkpointRequested) != 0;

    /// <summary>Asks the worker to checkpoint at its next record or at once when idle (consume thread).</summary>
    public void RequestCheckpoint()
    {
        Volatile.Write(ref _checkpointRequested, 1);
        Volatile.Read(ref _wake).TrySetResult();
    }

    /// <summary>Clears the request before a checkpoint starts (worker).</summary>
    public void BeginCheckpoint() => Volatile.Write(ref _checkpointRequested, 0);

    /// <summary>A task that completes at the next <see cref="RequestCheckpoint"/> (worker, before it goes idle).</summary>
    public Task ArmWake()
    {
        var wake = Volatile.Read(ref _wake);
        if (wake.Task.IsCompleted)
        {
            wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _wake, wake);
        }

        return wake.Task;
    }

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

        // Records after the last dispatched one were dead-lettered synchronously: done once everything before is.
        var checkpointed = CheckpointedOffset;
        var next = checkpointed >= LastDispatchedOffset ? LastConsumedOffset + 1 : checkpointed + 1;
        return next > FirstOffset && next > LastCommittedOffset ? next : -1;
    }
}
