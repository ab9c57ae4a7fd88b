using FraudActors.Gateway.Demo;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Runtime;
using FraudActors.Silo.Telemetry;

namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// Builds <see cref="DashboardSnapshot"/>s from counters the engine keeps anyway (no grain is called, nothing is
/// scanned). Rates and percentiles are deltas against the previous sample; a sample younger than
/// <see cref="MinInterval"/> is served again, so any number of open pages costs at most one sample per interval.
/// </summary>
internal sealed class DashboardSampler
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(0.9);
    private const int AlertsShown = 15;
    private readonly GrainRuntime _runtime;
    private readonly TurnLatencyTap _turns;
    private readonly IngestionMetrics _ingestion;
    private readonly DecisionTally _tally;
    private readonly ChampionModels _models;
    private readonly ModelCatalogCache _catalog;
    private readonly AlertRing _alerts;
    private readonly InMemoryIngestionService? _partitions;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private readonly SemaphoreSlim _sampling = new(1, 1);
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
        // Absent when another ingestion (Kafka) replaces the in-memory stream.
        _partitions = services.GetService<InMemoryIngestionService>();
        _time = time;
        _startedAt = time.GetTimestamp();
        _previous = TakeBaseline();
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

            var (versions, registryError) = await _catalog.GetAsync(cancellationToken).ConfigureAwait(false);
            var current = TakeBaseline();
            var snapshot = Build(_previous, current, versions, registryError);
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

    private Baseline TakeBaseline()
    {
        var statistics = _runtime.GetStatistics();
        var turnCounts = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (type, histogram) in _turns.ByGrainType)
        {
            turnCounts[type] = histogram.Snapshot();
        }

        return new Baseline(
            _time.GetTimestamp(),
            statistics,
            turnCounts,
            _ingestion.ProcessedTotal,
            _ingestion.EndToEnd.Snapshot(),
            Environment.CpuUsage.TotalTime);
    }

    private DashboardSnapshot Build(Baseline before, Baseline after, IReadOnlyList<ModelVersionRow> versions, string? registryError)
    {
        var seconds = Math.Max(_time.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds, 1e-3);
        return new DashboardSnapshot(
            after.Statistics.CapturedAt,
            seconds,
            Cluster(before, after, seconds),
            Grains(before, after, seconds),
            Traffic(before, after, seconds),
            Models(versions, registryError),
            _alerts.Latest(AlertsShown));
    }

    private ClusterPanel Cluster(Baseline before, Baseline after, double seconds)
    {
        var cpu = (after.CpuTime - before.CpuTime).TotalSeconds / seconds / Environment.ProcessorCount * 100.0;
        var partitions = new List<PartitionRow>();
        if (_partitions is not null)
        {
            foreach (var pipeline in _partitions.Pipelines)
            {
                partitions.Add(new PartitionRow(pipeline.Partition, pipeline.CompletedOffset));
            }
        }

        return new ClusterPanel(
            Environment.MachineName,
            _time.GetElapsedTime(_startedAt).TotalSeconds,
            Math.Clamp(cpu, 0, 100),
            Environment.WorkingSet,
            GC.GetGCMemoryInfo().HeapSizeBytes,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            partitions);
    }

    private GrainsPanel Grains(Baseline before, Baseline after, double seconds)
    {
        var rows = new List<GrainTypeRow>(after.Statistics.GrainTypes.Count);
        long messages = 0, activations = 0, deactivations = 0;
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

            rows.Add(new GrainTypeRow(type.GrainType, type.LiveActivations, typeMessages / seconds, typeActivations / seconds,
                typeDeactivations / seconds, p50, p99, type.Errors));
        }

        return new GrainsPanel(after.Statistics.LiveActivations, after.Statistics.MaxActivations, messages / seconds,
            activations / seconds, deactivations / seconds, after.Statistics.TotalErrors, rows);
    }

    private TrafficPanel Traffic(Baseline before, Baseline after, double seconds)
    {
        var tally = _tally.Snapshot();
        var decided = tally.Approved + tally.Reviewed + tally.Declined;
        return new TrafficPanel(
            after.Processed,
            _ingestion.FailedTotal,
            (after.Processed - before.Processed) / seconds,
            tally.Approved,
            tally.Reviewed,
            tally.Declined,
            tally.Unscored,
            tally.Suspicious,
            decided == 0 ? null : (double)(tally.Reviewed + tally.Declined) / decided,
            Finite(tally.Precision),
            Finite(tally.Recall),
            Millis(LatencyHistogram.Quantile(before.EndToEnd, after.EndToEnd, 0.5)),
            Millis(LatencyHistogram.Quantile(before.EndToEnd, after.EndToEnd, 0.99)));
    }

    private ModelsPanel Models(IReadOnlyList<ModelVersionRow> versions, string? registryError)
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

        return new ModelsPanel(serving, versions, registryError);
    }

    private static Silo.Runtime.Diagnostics.GrainTypeStatistics? Find(Silo.Runtime.Diagnostics.GrainRuntimeStatistics statistics, string grainType)
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
        Silo.Runtime.Diagnostics.GrainRuntimeStatistics Statistics,
        Dictionary<string, long[]> TurnCounts,
        long Processed,
        long[] EndToEnd,
        TimeSpan CpuTime);
}
