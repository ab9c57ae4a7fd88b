using System.Diagnostics.Metrics;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Ingestion;

/// <summary>
/// Ingestion counters (meter "FraudActors.Ingestion"): records processed and failed per partition, and the
/// append-to-decision latency, both as an OpenTelemetry histogram and as a <see cref="LatencyHistogram"/> the
/// console and dashboard read percentiles from.
/// </summary>
public sealed class IngestionMetrics : IDisposable
{
    public const string MeterName = "FraudActors.Ingestion";
    private readonly Meter _meter;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _latency;
    private readonly TimeProvider _time;
    private long _processedTotal;
    private long _failedTotal;

    public IngestionMetrics(TimeProvider time, IMeterFactory? meters = null)
    {
        _time = time;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _processed = _meter.CreateCounter<long>("fraudactors.ingestion.records", "{record}", "Records turned into decisions.");
        _failed = _meter.CreateCounter<long>("fraudactors.ingestion.failures", "{record}", "Records whose grain call failed.");
        _latency = _meter.CreateHistogram<double>("fraudactors.ingestion.latency", "ms", "From append to the stream until the decision is published.");
    }

    public LatencyHistogram EndToEnd { get; } = new();

    public long ProcessedTotal => Volatile.Read(ref _processedTotal);

    public long FailedTotal => Volatile.Read(ref _failedTotal);

    public void Processed(in StreamRecord record)
    {
        var elapsed = _time.GetElapsedTime(record.AppendedTimestamp);
        EndToEnd.Record(elapsed);
        Interlocked.Increment(ref _processedTotal);
        if (_processed.Enabled)
        {
            _processed.Add(1, new KeyValuePair<string, object?>("partition", record.Partition));
        }

        if (_latency.Enabled)
        {
            _latency.Record(elapsed.TotalMilliseconds);
        }
    }

    public void Failed(int partition)
    {
        Interlocked.Increment(ref _failedTotal);
        _failed.Add(1, new KeyValuePair<string, object?>("partition", partition));
    }

    public void Dispose() => _meter.Dispose();
}
