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
    private readonly ConcurrentDictionary<(string Type, string Method), LatencyHistogram> _byMethod = new();

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

    /// <summary>Per grain type and method (calls made through a grain reference).</summary>
    public IReadOnlyDictionary<(string Type, string Method), LatencyHistogram> ByMethod => _byMethod;

    private void OnMeasurement(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var elapsed = TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond));
        All.Record(elapsed);
        string? type = null;
        string? method = null;
        foreach (var tag in tags)
        {
            if (tag.Key == GrainRuntimeMetrics.GrainTypeTag)
            {
                type = tag.Value as string;
            }
            else if (tag.Key == GrainRuntimeMetrics.MethodTag)
            {
                method = tag.Value as string;
            }
        }

        if (type is not null)
        {
            _byType.GetOrAdd(type, static _ => new LatencyHistogram()).Record(elapsed);
            if (method is not null)
            {
                _byMethod.GetOrAdd((type, method), static _ => new LatencyHistogram()).Record(elapsed);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
