using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Runtime.Diagnostics;

namespace FraudActors.Silo.Telemetry;

/// <summary>
/// Listens to the runtime's turn-duration histogram and keeps a <see cref="LatencyHistogram"/> per grain type,
/// so the console and the dashboard can show turn latency percentiles without an external metrics backend.
/// </summary>
public sealed class TurnLatencyTap : IDisposable
{
    private const string Instrument = "fraudactors.grain.turn.duration";
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, LatencyHistogram> _byType = new(StringComparer.Ordinal);

    public TurnLatencyTap()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrainRuntimeMetrics.MeterName && instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>All grain types together.</summary>
    public LatencyHistogram All { get; } = new();

    public IReadOnlyDictionary<string, LatencyHistogram> ByGrainType => _byType;

    private void OnMeasurement(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var elapsed = TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond));
        All.Record(elapsed);
        foreach (var tag in tags)
        {
            if (tag.Key == GrainRuntimeMetrics.GrainTypeTag && tag.Value is string type)
            {
                _byType.GetOrAdd(type, static _ => new LatencyHistogram()).Record(elapsed);
                break;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
