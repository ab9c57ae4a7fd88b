using System.Diagnostics.Metrics;
using FraudActors.Gateway.Demo;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Kafka;
using FraudActors.Silo.Membership;
using FraudActors.Silo.Runtime;
using FraudActors.Silo.Runtime.Diagnostics;
using FraudActors.Silo.Streaming;
using FraudActors.Silo.Telemetry;

namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// Builds <see cref="DashboardSnapshot"/>s from counters the engine keeps anyway (nothing is scanned; the registry is
/// read through a few-seconds cache). Rates and percentiles are deltas against the previous sample; a sample younger
/// than <see cref="MinInterval"/> is served again, so any number of open pages costs at most one sample per interval.
/// The traffic series and the score window are kept here, so a page opened now still shows the last minutes.
/// </summary>
internal sealed class DashboardSampler : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(0.9);
    public static readonly TimeSpan SeriesLength = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ScoreWindow = TimeSpan.FromSeconds(60);
    private const int AlertsShown = 15;
    private const string KafkaMeter = "FraudActors.Kafka";
    private const string KafkaLagInstrument = "fraudactors.kafka.consumer_lag";
    private readonly GrainRuntime _runtime;
    private readonly TurnLatencyTap _turns;
    private readonly IngestionMetrics _ingestion;
    private readonly DecisionTally _tally;
    private readonly ChampionModels _models;
    private readonly ModelCatalogCache _catalog;
    private readonly AlertRing _alerts;
    private readonly LiveDistributions _distributions;
    private readonly ISiloDirectory _directory;
    private readonly InMemoryIngestionService? _partitions;
    private readonly InMemoryTransactionStream? _stream;
    private readonly KafkaIngestionService? _kafka;
    private readonly MeterListener? _lagListener;
    private readonly Dictionary<int, long> _kafkaLag = [];
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private readonly SemaphoreSlim _sampling = new(1, 1);
    private readonly Queue<LatencyPoint> _series = new();
    private readonly Queue<(long Timestamp, long[] Bins)> _scoreBaselines = new();
    private Baseline _previous;
    private DashboardSnapshot? _latest;
    private long _latestAt;

    public DashboardSampler(
        GrainRuntime runtime,
        TurnLatencyTap turns,
        IngestionMetrics ingestion,
        DecisionTally tally,
        ChampionModels models,
        ModelCatalogCache catalog,
        AlertRing alerts,
        LiveDistributions distributions,
        ISiloDirectory directory,
        IServiceProvider services,
        TimeProvider time)
    {
        _runtime = runtime;
        _turns = turns;
        _ingestion = ingestion;
        _tally = tally;
        _models = models;
        _catalog = catalog;
        _alerts = alerts;
        _distributions = distributions;
        _directory = directory;
        // Resolved, not required: the embedded mode has the in-memory stream, a Kafka silo the consumer-group service.
        _partitions = services.GetService<InMemoryIngestionService>();
        _stream = services.GetService<InMemoryTransactionStream>();
        _kafka = services.GetService<KafkaIngestionService>();
        if (_kafka is not null)
        {
            // Per-partition lag is published only as an observable gauge; observing it on demand costs nothing in between.
            _lagListener = new MeterListener
            {
                InstrumentPublished = static (instrument, listener) =>
                {
                    if (instrument.Meter.Name == KafkaMeter && instrument.Name == KafkaLagInstrument)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _lagListener.SetMeasurementEventCallback<long>(OnLag);
            _lagListener.Start();
        }

        _time = time;
        _startedAt = time.GetTimestamp();
        _previous = TakeBaseline();
        _scoreBaselines.Enqueue((_previous.Timestamp, _previous.ScoreBins));
    }

    public async Task<DashboardSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _latest) is { } cached && _time.GetElapsedTime(Volatile.Read(ref _latestAt)) < MinInterval)
        {
            return cached;
        }

        await _sampling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_latest is { } fresh && _time.GetElapsedTime(_latestAt) < MinInterval)
            {
                return fresh;
            }

            var catalog = await _catalog.GetAsync(cancellationToken).ConfigureAwait(false);
            var (members, membershipError) = await MembersAsync(cancellationToken).ConfigureAwait(false);
            var current = TakeBaseline();
            var snapshot = Build(_previous, current, catalog, members, membershipError);
            _previous = current;
            Volatile.Write(ref _latest, snapshot);
            Volatile.Write(ref _latestAt, current.Timestamp);
            return snapshot;
        }
        finally
        {
            _sampling.Release();
        }
    }

    public void Dispose()
    {
        _lagListener?.Dispose();
        _sampling.Dispose();
    }

    private async Task<(IReadOnlyList<SiloMember> Members, string? Error)> MembersAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _directory.GetMembersAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A membership table that cannot be read must not take the other panels down; show this silo alone.
            return ([_directory.Local], $"membership unavailable: {exception.Message}");
        }
    }

    private Baseline TakeBaseline()
    {
        var statistics = _runtime.GetStatistics();
        var turnCounts = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (type, histogram) in _turns.ByGrainType)
        {
            turnCounts[type] = histogram.Snapshot();
        }

        var methodCounts = new Dictionary<(string Type, string Method), long[]>();
        foreach (var (key, histogram) in _turns.ByMethod)
        {
            methodCounts[key] = histogram.Snapshot();
        }

        return new Baseline(
            _time.GetTimestamp(),
            statistics,
            turnCounts,
            methodCounts,
            _ingestion.ProcessedTotal,
            _ingestion.EndToEnd.Snapshot(),
            Environment.CpuUsage.TotalTime,
            _distributions.ScoreCounts());
    }

    private DashboardSnapshot Build(Baseline before, Baseline after, ModelCatalog catalog, IReadOnlyList<SiloMember> members, string? membershipError)
    {
        var seconds = Math.Max(_time.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds, 1e-3);
        return new DashboardSnapshot(
            after.Statistics.CapturedAt,
            seconds,
            Cluster(before, after, seconds, members, membershipError),
            Grains(before, after, seconds),
            Traffic(before, after, seconds),
            Models(catalog),
            _alerts.Latest(AlertsShown));
    }

    private ClusterPanel Cluster(Baseline before, Baseline after, double seconds, IReadOnlyList<SiloMember> members, string? membershipError)
    {
        var cpu = (after.CpuTime - before.CpuTime).TotalSeconds / seconds / Environment.ProcessorCount * 100.0;
        var partitions = new List<PartitionRow>();
        long lag = 0;
        if (_partitions is not null)
        {
            foreach (var pipeline in _partitions.Pipelines)
            {
                var reader = _stream?.Reader(pipeline.Partition);
                var queued = reader is { CanCount: true } ? reader.Count : 0;
                lag += queued;
                partitions.Add(new PartitionRow(pipeline.Partition, pipeline.CompletedOffset, queued));
            }
        }
        else if (_kafka is not null && _lagListener is not null)
        {
            _kafkaLag.Clear();
            _lagListener.RecordObservableInstruments();
            var assigned = new List<int>(_kafka.AssignedPartitions);
            assigned.Sort();
            foreach (var partition in assigned)
            {
                partitions.Add(new PartitionRow(partition, null, _kafkaLag.GetValueOrDefault(partition)));
            }

            lag = _kafka.TotalLag;
        }

        var silos = new List<SiloRow>(members.Count);
        var now = _time.GetUtcNow();
        foreach (var member in members)
        {
            silos.Add(new SiloRow(member.SiloId, member.Address, Math.Max(0, (now - member.StartedAt).TotalSeconds), member.Partitions, member.IsLocal));
        }

        return new ClusterPanel(
            _directory.Local.SiloId,
            _time.GetElapsedTime(_startedAt).TotalSeconds,
            Math.Clamp(cpu, 0, 100),
            Environment.WorkingSet,
            GC.GetGCMemoryInfo().HeapSizeBytes,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            partitions,
            silos,
            _kafka is not null ? "kafka" : "in-memory",
            lag,
            membershipError);
    }

    private void OnLag(Instrument instrument, long lag, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "partition" && tag.Value is int partition)
            {
                _kafkaLag[partition] = lag;
            }
        }
    }

    private GrainsPanel Grains(Baseline before, Baseline after, double seconds)
    {
        var rows = new List<GrainTypeRow>(after.Statistics.GrainTypes.Count);
        long messages = 0, activations = 0, deactivations = 0;
        var minutes = seconds / 60.0;
        foreach (var type in after.Statistics.GrainTypes)
        {
            var previous = Find(before.Statistics, type.GrainType);
            var typeMessages = type.Messages - (previous?.Messages ?? 0);
            var typeActivations = type.Activations - (previous?.Activations ?? 0);
            var typeDeactivations = type.Deactivations - (previous?.Deactivations ?? 0);
            messages += typeMessages;
            activations += typeActivations;
            deactivations += typeDeactivations;
            double? p50 = null, p99 = null;
            if (after.TurnCounts.TryGetValue(type.GrainType, out var turnsAfter))
            {
                var turnsBefore = before.TurnCounts.GetValueOrDefault(type.GrainType) ?? LatencyHistogram.Empty();
                p50 = Millis(LatencyHistogram.Quantile(turnsBefore, turnsAfter, 0.5));
                p99 = Millis(LatencyHistogram.Quantile(turnsBefore, turnsAfter, 0.99));
            }

            rows.Add(new GrainTypeRow(type.GrainType, type.LiveActivations, typeMessages / seconds, typeActivations / minutes,
                typeDeactivations / minutes, p50, p99, type.Errors));
        }

        var methods = new List<GrainMethodRow>(after.MethodTurnCounts.Count);
        foreach (var ((type, method), turnsAfter) in after.MethodTurnCounts)
        {
            var turnsBefore = before.MethodTurnCounts.GetValueOrDefault((type, method)) ?? LatencyHistogram.Empty();
            var calls = turnsAfter.Sum() - turnsBefore.Sum();
            methods.Add(new GrainMethodRow(type, method, calls / seconds,
                calls > 0 ? Millis(LatencyHistogram.Quantile(turnsBefore, turnsAfter, 0.5)) : null,
                calls > 0 ? Millis(LatencyHistogram.Quantile(turnsBefore, turnsAfter, 0.99)) : null));
        }

        methods.Sort(static (a, b) => b.CallsPerSecond.CompareTo(a.CallsPerSecond));
        return new GrainsPanel(after.Statistics.LiveActivations, after.Statistics.MaxActivations, messages / seconds,
            activations / minutes, deactivations / minutes, after.Statistics.TotalErrors, rows, methods);
    }

    private TrafficPanel Traffic(Baseline before, Baseline after, double seconds)
    {
        var tally = _tally.Snapshot();
        var decided = tally.Approved + tally.Reviewed + tally.Declined;
        var p50 = Millis(LatencyHistogram.Quantile(before.EndToEnd, after.EndToEnd, 0.5));
        var p99 = Millis(LatencyHistogram.Quantile(before.EndToEnd, after.EndToEnd, 0.99));
        var perSecond = (after.Processed - before.Processed) / seconds;

        _series.Enqueue(new LatencyPoint(after.Statistics.CapturedAt, perSecond, p50, p99));
        while (_series.Count > 0 && after.Statistics.CapturedAt - _series.Peek().At > SeriesLength)
        {
            _series.Dequeue();
        }

        var (histogram, window) = RecentScores(after);
        return new TrafficPanel(
            after.Processed,
            _ingestion.FailedTotal,
            perSecond,
            tally.Approved,
            tally.Reviewed,
            tally.Declined,
            tally.Unscored,
            tally.Suspicious,
            decided == 0 ? null : (double)(tally.Reviewed + tally.Declined) / decided,
            Finite(tally.Precision),
            Finite(tally.Recall),
            p50,
            p99,
            histogram,
            window,
            [.. _series]);
    }

    /// <summary>Score counts since the newest baseline at least <see cref="ScoreWindow"/> old (or the oldest there is).</summary>
    private (long[] Histogram, double WindowSeconds) RecentScores(Baseline after)
    {
        _scoreBaselines.Enqueue((after.Timestamp, after.ScoreBins));
        while (_scoreBaselines.Count > 2 && _time.GetElapsedTime(_scoreBaselines.ElementAt(1).Timestamp, after.Timestamp) >= ScoreWindow)
        {
            _scoreBaselines.Dequeue();
        }

        var (since, bins) = _scoreBaselines.Peek();
        var histogram = new long[bins.Length];
        for (var i = 0; i < bins.Length; i++)
        {
            histogram[i] = after.ScoreBins[i] - bins[i];
        }

        return (histogram, _time.GetElapsedTime(since, after.Timestamp).TotalSeconds);
    }

    private ModelsPanel Models(ModelCatalog catalog)
    {
        var serving = new List<ServedModel>();
        foreach (var model in _models.All)
        {
            serving.Add(new ServedModel(model.Name, model.Version, "champion"));
        }

        foreach (var model in _models.Challengers)
        {
            serving.Add(new ServedModel(model.Name, model.Version, "challenger"));
        }

        return new ModelsPanel(serving, catalog.Versions, catalog.Error, catalog.Shadow, _distributions.Drift());
    }

    private static GrainTypeStatistics? Find(GrainRuntimeStatistics statistics, string grainType)
    {
        foreach (var type in statistics.GrainTypes)
        {
            if (type.GrainType == grainType)
            {
                return type;
            }
        }

        return null;
    }

    private static double? Millis(TimeSpan? value) => value?.TotalMilliseconds;

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private sealed record Baseline(
        long Timestamp,
        GrainRuntimeStatistics Statistics,
        Dictionary<string, long[]> TurnCounts,
        Dictionary<(string Type, string Method), long[]> MethodTurnCounts,
        long Processed,
        long[] EndToEnd,
        TimeSpan CpuTime,
        long[] ScoreBins);
}
