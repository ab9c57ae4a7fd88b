using System.Diagnostics.Metrics;

namespace FraudActors.Silo.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments on the meter <see cref="MeterName"/>. Per-message work is one striped
/// increment (read by an observable counter); turn durations are timed only while a listener is on.
/// </summary>
internal sealed class GrainRuntimeMetrics : IDisposable
{
    public const string MeterName = "FraudActors.Runtime";
    public const string GrainTypeTag = "grain.type";

    /// <summary>The grain method of a turn (on the turn-duration histogram, for calls through a reference).</summary>
    public const string MethodTag = "grain.method";

    public GrainRuntimeMetrics(
        Func<IEnumerable<Measurement<int>>> observeLiveActivations,
        Func<IEnumerable<Measurement<long>>> observeMessages)
    {
        Meter = new Meter(MeterName);
        Meter.CreateObservableGauge("fraudactors.grain.activations.live", observeLiveActivations, "{activation}", "Live activations per grain type.");
        Meter.CreateObservableCounter("fraudactors.grain.messages", observeMessages, "{message}", "Messages processed per grain type.");
        TurnDuration = Meter.CreateHistogram<double>("fraudactors.grain.turn.duration", "ms", "Duration of message turns, from start to completion of the grain method's task.");
        Activations = Meter.CreateCounter<long>("fraudactors.grain.activations", "{activation}", "Activations completed.");
        Deactivations = Meter.CreateCounter<long>("fraudactors.grain.deactivations", "{activation}", "Deactivations completed, tagged with the reason.");
        Errors = Meter.CreateCounter<long>("fraudactors.grain.errors", "{error}", "Calls, timer ticks, activations and deactivations that threw.");
    }

    public Meter Meter { get; }

    public Histogram<double> TurnDuration { get; }

    public Counter<long> Activations { get; }

    public Counter<long> Deactivations { get; }

    public Counter<long> Errors { get; }

    public void Dispose() => Meter.Dispose();
}
