using System.Diagnostics.Metrics;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Kafka;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Telemetry;

/// <summary>
/// Observable instruments (meter <see cref="MeterName"/>) over numbers the engine keeps anyway: consumer lag, the
/// model versions served, audit rows. They are read only when a scrape or an export asks, so they cost the engine
/// nothing between collections. Services are looked up on first observation: whichever ingestion runs is reported.
/// </summary>
internal sealed class EngineGauges
{
    public const string MeterName = "FraudActors.Engine";
    private readonly IServiceProvider _services;

    public EngineGauges(IMeterFactory meters, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _services = services;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("fraudactors.ingestion.consumer_lag", ObserveLag, "{record}",
            "Records waiting to be processed: queued per partition of the in-memory stream, or behind the high watermark over the Kafka partitions this silo owns.");
        meter.CreateObservableGauge("fraudactors.model.version", ObserveModels, "{version}",
            "The model version this silo scores with, per model and role (champion, challenger).");
        meter.CreateObservableCounter("fraudactors.audit.rows", ObserveAuditRows, "{row}",
            "Audit rows by state: accepted (handed to the log), written (confirmed by the store), spilled (to disk), rejected.");
        meter.CreateObservableGauge("fraudactors.audit.buffered", ObserveAuditBuffer, "{row}", "Audit rows waiting in memory for the writer.");
    }

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        if (_services.GetService<InMemoryIngestionService>() is { } ingestion && _services.GetService<InMemoryTransactionStream>() is { } stream)
        {
            var pipelines = ingestion.Pipelines;
            var measurements = new List<Measurement<long>>(pipelines.Count);
            foreach (var pipeline in pipelines)
            {
                var queue = stream.Reader(pipeline.Partition);
                measurements.Add(new Measurement<long>(queue.CanCount ? queue.Count : 0, new KeyValuePair<string, object?>("partition", pipeline.Partition)));
            }

            return measurements;
        }

        return _services.GetService<KafkaIngestionService>() is { } kafka ? [new Measurement<long>(kafka.TotalLag)] : [];
    }

    private IEnumerable<Measurement<int>> ObserveModels()
    {
        if (_services.GetService<ChampionModels>() is not { } models)
        {
            return [];
        }

        var measurements = new List<Measurement<int>>();
        foreach (var model in models.All)
        {
            measurements.Add(new Measurement<int>(model.Version, new KeyValuePair<string, object?>("model", model.Name), new KeyValuePair<string, object?>("role", "champion")));
        }

        foreach (var model in models.Challengers)
        {
            measurements.Add(new Measurement<int>(model.Version, new KeyValuePair<string, object?>("model", model.Name), new KeyValuePair<string, object?>("role", "challenger")));
        }

        return measurements;
    }

    private IEnumerable<Measurement<long>> ObserveAuditRows()
    {
        if (_services.GetService<AuditSink>() is not { } audit)
        {
            return [];
        }

        return
        [
            new Measurement<long>(audit.Accepted, new KeyValuePair<string, object?>("state", "accepted")),
            new Measurement<long>(audit.Written, new KeyValuePair<string, object?>("state", "written")),
            new Measurement<long>(audit.Spilled, new KeyValuePair<string, object?>("state", "spilled")),
            new Measurement<long>(audit.Rejected, new KeyValuePair<string, object?>("state", "rejected")),
        ];
    }

    private IEnumerable<Measurement<int>> ObserveAuditBuffer() =>
        _services.GetService<AuditSink>() is { } audit ? [new Measurement<int>(audit.Buffered)] : [];
}
