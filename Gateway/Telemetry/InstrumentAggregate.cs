using System.Diagnostics.Metrics;

namespace FraudActors.Gateway.Telemetry;

/// <summary>
/// The in-process aggregation of one instrument for the Prometheus endpoint: a small list of label sets, each with
/// a running value or histogram. A measurement takes the lock, finds its series by comparing tags (no allocation
/// once the series exists) and updates it.
/// </summary>
internal sealed class InstrumentAggregate
{
    private readonly List<MetricSeries> _series = [];
    private readonly Lock _gate = new();
    private readonly int _maxSeries;
    private long _generation;

    public InstrumentAggregate(Instrument instrument, int maxSeries)
    {
        Instrument = instrument;
        _maxSeries = maxSeries;
        Kind = KindOf(instrument);
        Bounds = Kind == InstrumentKind.Histogram ? HistogramBounds.For(instrument.Unit) : [];
        Name = PrometheusText.MetricName(instrument.Name, instrument.Unit, Kind is InstrumentKind.Sum or InstrumentKind.ObservedTotal);
    }

    public Instrument Instrument { get; }

    public InstrumentKind Kind { get; }

    /// <summary>The Prometheus family name (sanitised, unit suffix, <c>_total</c> for counters).</summary>
    public string Name { get; }

    public double[] Bounds { get; }

    public bool IsObservable => Instrument.IsObservable;

    /// <summary>Series dropped because the instrument already had the maximum number of label sets.</summary>
    public long Dropped { get; private set; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        lock (_gate)
        {
            var series = Find(tags);
            if (series is null)
            {
                if (_series.Count >= _maxSeries)
                {
                    Dropped++;
                    return;
                }

                series = new MetricSeries(tags.ToArray(), Kind == InstrumentKind.Histogram ? Bounds.Length + 1 : 0);
                _series.Add(series);
            }

            series.Generation = _generation;
            switch (Kind)
            {
                case InstrumentKind.Sum:
                case InstrumentKind.UpDownSum:
                    series.Value += value;
                    break;
                case InstrumentKind.ObservedTotal:
                case InstrumentKind.LastValue:
                    series.Value = value;
                    break;
                case InstrumentKind.Histogram:
                    series.Buckets[HistogramBounds.BucketOf(Bounds, value)]++;
                    series.Value += value;
                    series.Count++;
                    break;
            }
        }
    }

    /// <summary>Starts an observation round: series an observable instrument does not report again are dropped (a partition moved away).</summary>
    public void BeginObservation(long generation)
    {
        lock (_gate)
        {
            _generation = generation;
        }
    }

    /// <summary>Copies the current series (for an observable instrument, only those reported in <paramref name="generation"/>).</summary>
    public List<MetricSeries> Snapshot(long generation)
    {
        lock (_gate)
        {
            if (IsObservable)
            {
                _series.RemoveAll(series => series.Generation != generation);
            }

            var copy = new List<MetricSeries>(_series.Count);
            foreach (var series in _series)
            {
                var clone = new MetricSeries(series.Tags, series.Buckets.Length) { Value = series.Value, Count = series.Count };
                series.Buckets.CopyTo(clone.Buckets, 0);
                copy.Add(clone);
            }

            return copy;
        }
    }

    private MetricSeries? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var series in _series)
        {
            if (series.Matches(tags))
            {
                return series;
            }
        }

        return null;
    }

    private static InstrumentKind KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (definition == typeof(Counter<>))
        {
            return InstrumentKind.Sum;
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return InstrumentKind.ObservedTotal;
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return InstrumentKind.UpDownSum;
        }

        return definition == typeof(Histogram<>) ? InstrumentKind.Histogram : InstrumentKind.LastValue;
    }
}
