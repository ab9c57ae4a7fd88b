using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Membership;
using FraudActors.Silo.Runtime;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// This silo as a member of the consumer group on the transactions topic. One thread runs the consume loop and
/// owns the consumer; each assigned partition gets a <see cref="PartitionPipeline"/> fed by a worker through a
/// bounded channel. A full channel pauses the partition (no unbounded queue) until it drains to half. Malformed or
/// invalid records go to the dead-letter topic and the stream goes on.
/// <para>Exactly-once effect: every commit interval each partition checkpoints (its in-flight calls finish, every card
/// it changed stores its state with the record's stream position in one group commit, its audit rows settle), and
/// the next round commits the checkpointed offset after the decisions producer is flushed. After a crash the new
/// owner replays from that offset; a card whose stored state is newer skips the records it already holds. On revoke
/// (rebalance or shutdown) the pipeline finishes, the partition's cards are deactivated (stored) and the offset after
/// the last record is committed: a graceful handover replays nothing.</para>
/// </summary>
internal sealed partial class KafkaIngestionService : BackgroundService, IPartitionOwnership
{
    private const string CardholderGrainType = "cardholder";

    private readonly KafkaOptions _options;
    private readonly IGrainFactory _grains;
    private readonly IDecisionSink[] _sinks;
    private readonly KafkaDecisionSink? _decisions;
    private readonly AuditSink? _audit;
    private readonly GrainRuntime? _runtime;
    private readonly IngestionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<KafkaIngestionService> _logger;
    private readonly ConcurrentDictionary<int, PartitionWork> _partitions = new();
    private readonly List<PartitionWork> _paused = [];
    private readonly Meter _meter;
    private long _consumed;
    private long _deadLettered;
    private long _deadLetterFailures;
    private long _pauses;
    private long _commitRounds;
    private int _behind;
    private long _lastCommit;
    private readonly ConcurrentDictionary<int, long> _labelOffsets = new();
    private long _labels;
    private long _checkpoints;
    private long _checkpointFailures;
    private int _partitionCount;

    public KafkaIngestionService(
        IOptions<KafkaOptions> options,
        IGrainFactory grains,
        IEnumerable<IDecisionSink> sinks,
        IngestionMetrics metrics,
        TimeProvider time,
        ILogger<KafkaIngestionService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sinks);
        _options = options.Value;
        _grains = grains;
        _sinks = sinks.ToArray();
        _decisions = _sinks.OfType<KafkaDecisionSink>().FirstOrDefault();
        _audit = _sinks.OfType<AuditSink>().FirstOrDefault();
        _runtime = grains as GrainRuntime;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _meter = new Meter("FraudActors.Kafka");
        _meter.CreateObservableGauge("fraudactors.kafka.consumer_lag", ObserveLag, "{record}", "Records behind the high watermark, per assigned partition.");
    }

    /// <summary>Records returned by the consumer.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);

    /// <summary>Records written to the dead-letter topic.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Dead-letter writes that failed (the record was skipped and logged).</summary>
    public long DeadLetterFailures => Interlocked.Read(ref _deadLetterFailures);

    /// <summary>Times a partition was paused because its pipeline was full (backpressure).</summary>
    public long Pauses => Interlocked.Read(ref _pauses);

    /// <summary>Commit rounds run so far (periodic and on revoke), whether or not there was anything to commit.</summary>
    public long CommitRounds => Interlocked.Read(ref _commitRounds);

    /// <summary>
    /// Assigned partitions whose consumed records are not all committed yet, as of the last commit round. Zero
    /// means a handover now replays nothing.
    /// </summary>
    public int PartitionsBehindCommit => Volatile.Read(ref _behind);

    /// <summary>Labels applied to merchant grains from the labels topic.</summary>
    public long Labels => Interlocked.Read(ref _labels);

    /// <summary>Checkpoints completed (card state and audit rows stored up to an offset), over all partitions.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Checkpoints that failed (storage unreachable); their offsets stay uncommitted and are retried.</summary>
    public long CheckpointFailures => Interlocked.Read(ref _checkpointFailures);

    /// <summary>Partitions of the transactions topic (read from the broker's metadata at the first assignment); 0 until then.</summary>
    public int PartitionCount => Volatile.Read(ref _partitionCount);

    /// <summary>The partitions this silo owns right now.</summary>
    public IReadOnlyCollection<int> AssignedPartitions => _partitions.Keys.ToArray();

    public bool Owns(int partition) => _partitions.ContainsKey(partition);

    /// <summary>Total consumer lag over the assigned partitions, as of the last commit round.</summary>
    public long TotalLag
    {
        get
        {
            long lag = 0;
            foreach (var work in _partitions.Values)
            {
                lag += work.Lag;
            }

            return lag;
        }
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // The consumer's calls block, so the loop gets a thread of its own rather than a pool thread.
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var deadLetters = new ProducerBuilder<string?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            Partitioner = Confluent.Kafka.Partitioner.Murmur2Random,
            Acks = Acks.All,
        }).Build();
        using var consumer = new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            GroupId = _options.GroupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = _options.SessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(100, _options.SessionTimeoutMs / 3),
            EnablePartitionEof = false,
            FetchWaitMaxMs = _options.FetchWaitMaxMs,
        })
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost)
            .SetErrorHandler((_, error) => LogKafkaError(_logger, error.Code, error.Reason))
            .Build();
        // Labels are keyed by card like transactions, so with equal partition counts the group's range assignment
        // gives a silo the labels of exactly the cards it owns: its merchant grains see one consistent sample.
        consumer.Subscribe([_options.TransactionsTopic, _options.LabelsTopic]);
        _lastCommit = _time.GetTimestamp();
        var poll = TimeSpan.FromMilliseconds(100);
        var commitInterval = TimeSpan.FromMilliseconds(_options.CommitIntervalMs);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string?, byte[]?>? result = null;
                try
                {
                    result = consumer.Consume(poll);
                }
                catch (ConsumeException exception)
                {
                    LogKafkaError(_logger, exception.Error.Code, exception.Error.Reason);
                }

                if (result is { IsPartitionEOF: false })
                {
                    Handle(consumer, deadLetters, result);
                }

                if (_paused.Count > 0)
                {
                    ResumeDrained(consumer);
                }

                if (_time.GetElapsedTime(_lastCommit) >= commitInterval)
                {
                    // Commit what the previous round checkpointed, then ask every partition for the next checkpoint.
                    Commit(consumer, _partitions.Values, updateLag: true);
                    CommitLabels(consumer, null);
                    foreach (var work in _partitions.Values)
                    {
                        work.RequestCheckpoint();
                    }
                }
            }
        }
        catch (Exception exception)
        {
            LogLoopFailed(_logger, exception);
            throw;
        }
        finally
        {
            // Close leaves the group: the revoke handler drains every partition and commits.
            consumer.Close();
            deadLetters.Flush(TimeSpan.FromSeconds(10));
            LogStopped(_logger, Consumed, DeadLettered);
        }
    }

    private void Handle(IConsumer<string?, byte[]?> consumer, IProducer<string?, byte[]?> deadLetters, ConsumeResult<string?, byte[]?> result)
    {
        if (result.Topic == _options.LabelsTopic)
        {
            HandleLabel(deadLetters, result);
            return;
        }

        var offset = result.Offset.Value;
        if (!_partitions.TryGetValue(result.Partition.Value, out var work) || offset <= work.LastConsumedOffset)
        {
            // Not ours any more, or returned again after a pause: already handled.
            return;
        }

        Interlocked.Increment(ref _consumed);
        if (work.FirstOffset < 0)
        {
            work.FirstOffset = offset;
        }

        var reason = Parse(result, out var transaction);
        if (reason is not null)
        {
            DeadLetter(deadLetters, result, reason);
            work.LastConsumedOffset = offset;
            return;
        }

        var record = new StreamRecord(result.Partition.Value, offset, transaction!, AppendedAt(result.Message.Timestamp));
        work.LastConsumedOffset = offset;
        work.LastDispatchedOffset = offset;
        if (work.Held.Count == 0 && work.Queue.Writer.TryWrite(record))
        {
            return;
        }

        work.Held.Enqueue(record);
        if (!work.Paused)
        {
            consumer.Pause([result.TopicPartition]);
            work.Paused = true;
            _paused.Add(work);
            Interlocked.Increment(ref _pauses);
        }
    }

    /// <summary>
    /// A confirmed fraud/genuine label: applied to its merchant's risk windows on the consume thread (labels are rare
    /// and the merchant grain answers from memory), idempotent per transaction id, so a replay changes nothing.
    /// </summary>
    private void HandleLabel(IProducer<string?, byte[]?> deadLetters, ConsumeResult<string?, byte[]?> result)
    {
        var partition = result.Partition.Value;
        TransactionLabel? label = null;
        string? reason = "invalid JSON: the record has no value.";
        if (result.Message.Value is not { } value || !LabelJson.TryParse(value, out label, out reason))
        {
            DeadLetter(deadLetters, result, reason ?? "invalid label.");
        }
        else
        {
            var applied = _grains.GetGrain<IMerchantGrain>(label!.MerchantId).RecordLabelAsync(label);
            if (!applied.IsCompletedSuccessfully)
            {
                applied.AsTask().GetAwaiter().GetResult();
            }

            Interlocked.Increment(ref _labels);
        }

        _labelOffsets[partition] = result.Offset.Value + 1;
    }

    private static string? Parse(ConsumeResult<string?, byte[]?> result, out Grains.Abstractions.Transactions.CardTransaction? transaction)
    {
        transaction = null;
        var headers = result.Message.Headers;
        if (headers is not null && headers.TryGetLastBytes(TransactionJson.SchemaVersionHeader, out var version)
            && !version.AsSpan().SequenceEqual("1"u8))
        {
            return $"schema-version: unsupported version '{Encoding.UTF8.GetString(version)}'.";
        }

        if (result.Message.Value is not { } value)
        {
            return "invalid JSON: the record has no value.";
        }

        if (!TransactionJson.TryParse(value, out transaction, out var reason, result.Message.Key))
        {
            return reason;
        }

        // The key decides the partition, and the partition decides which silo owns the card: they must agree.
        if (result.Message.Key != transaction.CardId)
        {
            transaction = null;
            return "key: must equal cardId.";
        }

        return null;
    }

    private void DeadLetter(IProducer<string?, byte[]?> deadLetters, ConsumeResult<string?, byte[]?> result, string reason)
    {
        var headers = new Headers
        {
            { "dlq-reason", Encoding.UTF8.GetBytes(reason) },
            { "source-topic", Encoding.UTF8.GetBytes(result.Topic) },
            { "source-partition", Encoding.UTF8.GetBytes(result.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { "source-offset", Encoding.UTF8.GetBytes(result.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
        };
        try
        {
            // Malformed records are rare: waiting for the broker's acknowledgement here keeps "committed" meaning
            // "dead-lettered" without tracking DLQ deliveries separately.
            deadLetters.ProduceAsync(_options.DeadLetterTopic, new Message<string?, byte[]?>
            {
                Key = result.Message.Key,
                Value = result.Message.Value,
                Headers = headers,
            }).GetAwaiter().GetResult();
            Interlocked.Increment(ref _deadLettered);
            LogDeadLettered(_logger, result.Partition.Value, result.Offset.Value, reason);
        }
        catch (KafkaException exception)
        {
            Interlocked.Increment(ref _deadLetterFailures);
            LogDeadLetterFailed(_logger, result.Partition.Value, result.Offset.Value, exception);
        }
    }

    private long AppendedAt(Timestamp timestamp)
    {
        var now = _time.GetTimestamp();
        if (timestamp.Type == TimestampType.NotAvailable)
        {
            return now;
        }

        var age = _time.GetUtcNow() - timestamp.UtcDateTime;
        return age <= TimeSpan.Zero ? now : now - (long)(age.TotalSeconds * _time.TimestampFrequency);
    }

    private void ResumeDrained(IConsumer<string?, byte[]?> consumer)
    {
        for (var i = _paused.Count - 1; i >= 0; i--)
        {
            var work = _paused[i];
            var writer = work.Queue.Writer;
            // Hysteresis: wait until the worker has eaten half its queue before handing more.
            if (work.Queue.Reader.Count > _options.MaxInFlightPerPartition / 2)
            {
                continue;
            }

            while (work.Held.Count > 0 && writer.TryWrite(work.Held.Peek()))
            {
                work.Held.Dequeue();
            }

            if (work.Held.Count == 0)
            {
                var partition = new TopicPartition(_options.TransactionsTopic, new Partition(work.Partition));
                consumer.Resume([partition]);
                // librdkafka 2.0 drops its fetched-but-unreturned records on pause and may resume past them; seek
                // to the first record we have not seen so none is skipped (a record seen twice is ignored).
                consumer.Seek(new TopicPartitionOffset(partition, new Offset(work.LastConsumedOffset + 1)));
                work.Paused = false;
                _paused.RemoveAt(i);
            }
        }
    }

    private void OnAssigned(IConsumer<string?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (_partitionCount == 0)
        {
            Volatile.Write(ref _partitionCount, CountPartitions(consumer));
        }

        foreach (var partition in partitions)
        {
            if (partition.Topic != _options.TransactionsTopic)
            {
                continue;
            }

            var number = partition.Partition.Value;
            var pipeline = new PartitionPipeline(number, _grains, _sinks, _options.MaxInFlightPerPartition, _metrics, OnFailure, trackPositions: true);
            var work = new PartitionWork(number, pipeline, _options.MaxInFlightPerPartition);
            work.Worker = Task.Run(() => RunWorkerAsync(work), CancellationToken.None);
            _partitions[number] = work;
        }

        // librdkafka keeps a partition's pause flag across assignments: a partition this silo paused before it was
        // revoked would come back paused and never be fetched again.
        try
        {
            consumer.Resume(partitions);
        }
        catch (TopicPartitionException)
        {
            // Partitions this client never fetched before have no state yet, so nothing of theirs is paused.
        }

        LogAssigned(_logger, partitions.Count, string.Join(",", partitions.Select(p => p.Partition.Value)));
    }

    private int CountPartitions(IConsumer<string?, byte[]?> consumer)
    {
        try
        {
            return KafkaTopics.PartitionCount(consumer.Handle, _options.TransactionsTopic, TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is KafkaException or InvalidOperationException)
        {
            // Without the count the revoke handler cannot tell which cards were the partition's; it stores them all.
            LogPartitionCountUnknown(_logger, exception);
            return 0;
        }
    }

    private void OnRevoked(IConsumer<string?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        var retired = Retire(partitions);
        HandOver(retired);
        Commit(consumer, retired, updateLag: false);
        CommitLabels(consumer, partitions);
        LogRevoked(_logger, retired.Count, string.Join(",", retired.Select(w => $"{w.Partition}@{w.LastCommittedOffset}")));
    }

    private void OnLost(IConsumer<string?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        // Another member may own them already: finish what is in flight and store the cards (a stale write loses
        // its ETag check against the new owner's), but commit nothing.
        var retired = Retire(partitions);
        HandOver(retired);
        foreach (var partition in partitions)
        {
            if (partition.Topic == _options.LabelsTopic)
            {
                _labelOffsets.TryRemove(partition.Partition.Value, out _);
            }
        }

        LogLost(_logger, retired.Count);
    }

    private List<PartitionWork> Retire(List<TopicPartitionOffset> partitions)
    {
        var retired = new List<PartitionWork>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (partition.Topic == _options.TransactionsTopic && _partitions.TryRemove(partition.Partition.Value, out var work))
            {
                // Held records were never started: the next owner reads them again from the committed offset.
                work.Held.Clear();
                _paused.Remove(work);
                work.Queue.Writer.TryComplete();
                retired.Add(work);
            }
        }

        foreach (var work in retired)
        {
            // The handler runs on the consume thread inside Consume/Close; the workers run on the pool.
            work.Worker.GetAwaiter().GetResult();
        }

        return retired;
    }

    private async Task RunWorkerAsync(PartitionWork work)
    {
        var reader = work.Queue.Reader;
        var pipeline = work.Pipeline;
        while (true)
        {
            while (reader.TryRead(out var record))
            {
                await pipeline.AcceptAsync(record).ConfigureAwait(false);
                if (work.CheckpointRequested)
                {
                    await CheckpointAsync(work).ConfigureAwait(false);
                }
            }

            // Idle: publish what is in flight now, so decisions and commits do not wait for the next record.
            await pipeline.DrainAsync().ConfigureAwait(false);
            if (work.CheckpointRequested)
            {
                await CheckpointAsync(work).ConfigureAwait(false);
            }

            var wake = work.ArmWake();
            if (work.CheckpointRequested)
            {
                continue;
            }

            var more = reader.WaitToReadAsync();
            if (!more.IsCompleted)
            {
                await Task.WhenAny(more.AsTask(), wake).ConfigureAwait(false);
            }
            else if (!more.Result)
            {
                break;
            }
        }

        await pipeline.DrainAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Makes everything the partition has processed so far safe to commit: decisions out of the pipeline, the state
    /// of every card it changed stored with its stream position (one group commit), and their audit rows settled.
    /// </summary>
    private async Task CheckpointAsync(PartitionWork work)
    {
        work.BeginCheckpoint();
        var pipeline = work.Pipeline;
        await pipeline.DrainAsync().ConfigureAwait(false);
        var upTo = pipeline.CompletedOffset;
        if (upTo <= work.CheckpointedOffset)
        {
            return;
        }

        var cards = pipeline.TakeChangedCards();
        try
        {
            // Outputs first, state second: a card whose stored state holds a record skips it on replay, so that
            // record's decision and audit row must already be durable when the state is written.
            await SettleOutputsAsync().ConfigureAwait(false);
            var writes = new Task[cards.Count];
            for (var i = 0; i < cards.Count; i++)
            {
                writes[i] = _grains.GetGrain<ICardholderGrain>(cards[i]).CheckpointAsync().AsTask();
            }

            await Task.WhenAll(writes).ConfigureAwait(false);
            work.CheckpointedOffset = upTo;
            Interlocked.Increment(ref _checkpoints);
        }
#pragma warning disable CA1031 // A failed checkpoint only delays the commit; the next round writes the same cards again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            pipeline.ReturnChangedCards(cards);
            Interlocked.Increment(ref _checkpointFailures);
            LogCheckpointFailed(_logger, work.Partition, upTo, exception);
        }
    }

    /// <summary>Waits until every decision produced and every audit row accepted so far is durable.</summary>
    /// <exception cref="TimeoutException">Not within 30 s (broker or database unreachable).</exception>
    private async Task SettleOutputsAsync()
    {
        var produced = _decisions?.Produced ?? 0;
        var audited = _audit?.Accepted ?? 0;
        var timeout = TimeSpan.FromSeconds(30);
        if (_decisions is not null && !await _decisions.WaitSettledAsync(produced, timeout, _time).ConfigureAwait(false))
        {
            throw new TimeoutException("Decisions were not delivered within 30 s.");
        }

        if (_audit is not null && !await _audit.WaitSettledAsync(audited, timeout).ConfigureAwait(false))
        {
            throw new TimeoutException("The audit log did not settle within 30 s.");
        }
    }

    /// <summary>
    /// After a partition's worker finished (revoke, loss, shutdown): deactivates its cards, which stores each one's
    /// state with its stream position, and settles the audit log, so the next owner starts from a committed offset
    /// with nothing to replay.
    /// </summary>
    private void HandOver(List<PartitionWork> retired)
    {
        if (retired.Count == 0)
        {
            return;
        }

        try
        {
            SettleOutputsAsync().GetAwaiter().GetResult();
        }
        catch (TimeoutException exception)
        {
            // The cards are not stored either: the next owner replays from the last commit and decides again.
            LogHandOverFailed(_logger, exception);
            return;
        }

        if (_runtime is not null)
        {
            var leaving = retired.Select(w => w.Partition).ToHashSet();
            var count = PartitionCount;
            _runtime.DeactivateAsync(
                id => id.Type == CardholderGrainType && (count == 0 || leaving.Contains(Murmur2Partitioner.Partition(id.Key, count))),
                DeactivationReason.PartitionRevoked).GetAwaiter().GetResult();
        }
        else
        {
            // No runtime to deactivate through (a test double): at least store the changed cards.
            foreach (var work in retired)
            {
                var cards = work.Pipeline.TakeChangedCards();
                Task.WhenAll(cards.Select(card => _grains.GetGrain<ICardholderGrain>(card).CheckpointAsync().AsTask())).GetAwaiter().GetResult();
            }
        }

        foreach (var work in retired)
        {
            work.CheckpointedOffset = work.Pipeline.CompletedOffset;
        }
    }

    private void Commit(IConsumer<string?, byte[]?> consumer, IEnumerable<PartitionWork> works, bool updateLag)
    {
        _lastCommit = _time.GetTimestamp();
        Interlocked.Increment(ref _commitRounds);
        List<TopicPartitionOffset>? offsets = null;
        List<PartitionWork>? committed = null;
        foreach (var work in works)
        {
            var next = work.CommittableOffset();
            if (updateLag)
            {
                var position = next >= 0 ? next : Math.Max(work.LastConsumedOffset + 1, work.LastCommittedOffset);
                var high = consumer.GetWatermarkOffsets(new TopicPartition(_options.TransactionsTopic, new Partition(work.Partition))).High.Value;
                work.Lag = high >= 0 && position >= 0 ? Math.Max(0, high - position) : 0;
            }

            if (next >= 0)
            {
                (offsets ??= []).Add(new TopicPartitionOffset(_options.TransactionsTopic, new Partition(work.Partition), new Offset(next)));
                (committed ??= []).Add(work);
            }
        }

        if (offsets is null)
        {
            CountBehind();
            return;
        }

        // Decisions of the records we are about to commit must be on the broker first.
        if (_decisions is not null && _decisions.Flush(TimeSpan.FromSeconds(30)) > 0)
        {
            LogFlushTimedOut(_logger);
            return;
        }

        try
        {
            consumer.Commit(offsets);
            for (var i = 0; i < committed!.Count; i++)
            {
                committed[i].LastCommittedOffset = offsets[i].Offset.Value;
            }

            CountBehind();
        }
        catch (KafkaException exception)
        {
            LogCommitFailed(_logger, exception);
        }
    }

    /// <summary>Commits the labels consumed so far (all of them, or only <paramref name="revoked"/>'s partitions, which are then forgotten).</summary>
    private void CommitLabels(IConsumer<string?, byte[]?> consumer, List<TopicPartitionOffset>? revoked)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var (partition, next) in _labelOffsets)
        {
            if (revoked is null || revoked.Exists(p => p.Topic == _options.LabelsTopic && p.Partition.Value == partition))
            {
                offsets.Add(new TopicPartitionOffset(_options.LabelsTopic, new Partition(partition), new Offset(next)));
            }
        }

        if (revoked is not null)
        {
            foreach (var offset in offsets)
            {
                _labelOffsets.TryRemove(offset.Partition.Value, out _);
            }
        }

        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            if (revoked is null)
            {
                // Committed: only later labels need committing again.
                foreach (var offset in offsets)
                {
                    _labelOffsets.TryRemove(new KeyValuePair<int, long>(offset.Partition.Value, offset.Offset.Value));
                }
            }
        }
        catch (KafkaException exception)
        {
            LogCommitFailed(_logger, exception);
        }
    }

    private void CountBehind()
    {
        var behind = 0;
        foreach (var work in _partitions.Values)
        {
            if (work.LastConsumedOffset >= 0 && work.LastCommittedOffset <= work.LastConsumedOffset)
            {
                behind++;
            }
        }

        Volatile.Write(ref _behind, behind);
    }

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var work in _partitions.Values)
        {
            yield return new Measurement<long>(work.Lag, new KeyValuePair<string, object?>("partition", work.Partition));
        }
    }

    private void OnFailure(IngestionException failure) =>
        LogRecordFailed(_logger, failure.Record.Partition, failure.Record.Offset, failure.Record.Transaction.TransactionId, failure.InnerException!);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The Kafka consume loop failed; this silo no longer ingests")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the transactions topic's partition count")]
    private static partial void LogPartitionCountUnknown(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of partition {Partition} up to offset {Offset} failed; it will be retried")]
    private static partial void LogCheckpointFailed(ILogger logger, int partition, long offset, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decisions or audit rows did not settle in time; the revoked partitions' cards and offsets are not stored")]
    private static partial void LogHandOverFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assigned {Count} partitions: {Partitions}")]
    private static partial void LogAssigned(ILogger logger, int count, string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked {Count} partitions, committed at {Offsets}")]
    private static partial void LogRevoked(ILogger logger, int count, string offsets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost {Count} partitions; nothing committed for them")]
    private static partial void LogLost(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka ingestion stopped: {Consumed} records consumed, {DeadLettered} dead-lettered")]
    private static partial void LogStopped(ILogger logger, long consumed, long deadLettered);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dead-lettered partition {Partition} offset {Offset}: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not dead-letter partition {Partition} offset {Offset}")]
    private static partial void LogDeadLetterFailed(ILogger logger, int partition, long offset, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka: {Code} {Reason}")]
    private static partial void LogKafkaError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decisions were not delivered in time; offsets not committed this round")]
    private static partial void LogFlushTimedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offset commit failed")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transaction {TransactionId} at partition {Partition} offset {Offset} failed")]
    private static partial void LogRecordFailed(ILogger logger, int partition, long offset, string transactionId, Exception exception);
}
