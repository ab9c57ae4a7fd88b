namespace FraudActors.Gateway.Telemetry;

/// <summary>How an instrument's measurements combine, and which Prometheus type they become.</summary>
internal enum InstrumentKind
{
    /// <summary>Counter: measurements are increments; exported as a counter (<c>_total</c>).</summary>
    Sum,

    /// <summary>ObservableCounter: each observation is the running total; exported as a counter.</summary>
    ObservedTotal,

    /// <summary>UpDownCounter: increments that may be negative; exported as a gauge.</summary>
    UpDownSum,

    /// <summary>Gauges and observable up-down counters: the last value wins; exported as a gauge.</summary>
    LastValue,

    /// <summary>Histogram: cumulative buckets, sum and count.</summary>
    Histogram,
}
