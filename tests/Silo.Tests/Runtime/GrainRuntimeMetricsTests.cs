using System.Diagnostics.Metrics;
using FraudActors.Silo.Runtime.Diagnostics;
using FraudActors.Silo.Tests.Runtime.TestGrains;

namespace FraudActors.Silo.Tests.Runtime;

public sealed class GrainRuntimeMetricsTests
{
    [Fact]
    public async Task The_meter_reports_live_activations_messages_turn_durations_and_lifecycle_counts()
    {
        await using var silo = new TestSilo();
        var meter = silo.Runtime.Metrics.Meter;
        meter.Name.Should().Be(GrainRuntimeMetrics.MeterName);
        var longs = new Dictionary<string, long>();
        var gauges = new Dictionary<string, int>();
        var durations = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (TypeOf(tags) == "counter")
            {
                longs[instrument.Name] = instrument.IsObservable ? value : longs.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (TypeOf(tags) == "counter")
            {
                gauges[instrument.Name] = value;
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            if (TypeOf(tags) == "counter")
            {
                durations++;
            }
        });
        listener.Start();

        var a = silo.Factory.GetGrain<ICounterGrain>("m1");
        await a.AddAsync(1);
        await a.AddAsync(1);
        await silo.Factory.GetGrain<ICounterGrain>("m2").AddAsync(1);
        await a.DeactivateAsync();
        await Eventually.TrueAsync(() => silo.Runtime.LiveActivations == 1, "one grain deactivated");
        listener.RecordObservableInstruments();

        gauges["fraudactors.grain.activations.live"].Should().Be(1);
        longs["fraudactors.grain.messages"].Should().Be(4);
        longs["fraudactors.grain.activations"].Should().Be(2);
        longs["fraudactors.grain.deactivations"].Should().Be(1);
        durations.Should().Be(4);

        var statistics = silo.Runtime.GetStatistics();
        statistics.LiveActivations.Should().Be(1);
        statistics.TotalMessages.Should().Be(4);
        statistics.TotalActivations.Should().Be(2);
        statistics.TotalDeactivations.Should().Be(1);
        statistics.GrainTypes.Select(t => t.GrainType).Should().Equal("counter", nameof(SequenceGrain), nameof(WorkerGrain), nameof(TickerGrain));
    }

    private static string? TypeOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == GrainRuntimeMetrics.GrainTypeTag)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
