using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Telemetry;

/// <summary>
/// Subscribes a <see cref="MeterListener"/> to FraudActors' meters and keeps the running aggregates the Prometheus
/// endpoint serves. Synchronous instruments update their aggregate as measurements happen; observable ones are
/// read during <see cref="WriteTo"/>, one scrape at a time.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<InstrumentAggregate> _aggregates = [];
    private readonly Lock _aggregatesGate = new();
    private readonly Lock _scrapeGate = new();
    private readonly string[] _meters;
    private readonly int _maxSeries;
    private long _generation;

    // EngineGauges is a parameter so its instruments exist before the first scrape.
    public MetricsCollector(IOptions<TelemetryOptions> options, EngineGauges gauges)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gauges);
        _meters = options.Value.Metrics.Meters;
        _maxSeries = options.Value.Metrics.MaxSeriesPerInstrument;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = OnMeasurementsCompleted;
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>True when <paramref name="meterName"/> is one of the configured meters or below one ("FraudActors" covers "FraudActors.Runtime").</summary>
    public static bool IsSelected(string meterName, IReadOnlyList<string> selected)
    {
        foreach (var prefix in selected)
        {
            if (meterName.StartsWith(prefix, StringComparison.Ordinal)
                && (meterName.Length == prefix.Length || meterName[prefix.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the observable instruments and writes every family in the text format.</summary>
    public void WriteTo(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        InstrumentAggregate[] aggregates;
        lock (_aggregatesGate)
        {
            aggregates = [.. _aggregates];
        }

        var collected = new List<(InstrumentAggregate, List<MetricSeries>)>(aggregates.Length);
        lock (_scrapeGate)
        {
            var generation = ++_generation;
            foreach (var aggregate in aggregates)
            {
                if (aggregate.IsObservable)
                {
                    aggregate.BeginObservation(generation);
                }
            }

            _listener.RecordObservableInstruments();
            foreach (var aggregate in aggregates)
            {
                collected.Add((aggregate, aggregate.Snapshot(generation)));
            }
        }

        PrometheusText.Write(output, collected);
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!IsSelected(instrument.Meter.Name, _meters))
        {
            return;
        }

        var aggregate = new InstrumentAggregate(instrument, _maxSeries);
        lock (_aggregatesGate)
        {
            _aggregates.Add(aggregate);
        }

        listener.EnableMeasurementEvents(instrument, aggregate);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        // The meter was disposed (e.g. a host stopped): its series end with it.
        lock (_aggregatesGate)
        {
            _aggregates.Remove((InstrumentAggregate)state!);
        }
    }
}
