using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Kafka;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FraudActors.Benchmarks.Kafka;

/// <summary>
/// One silo as production builds it: a generic host with <c>AddKafkaSilo</c> (grain runtime, in-memory grain
/// storage, the consumer-group ingestion service, the decisions-topic sink) and a trained gradient-boosted champion
/// swapped in before the first record, plus a <see cref="DecisionTally"/> sink for the exactly-once check.
/// </summary>
internal sealed class IngestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    public IngestSilo(KafkaOptions kafka, ModelPackage champion, DecisionTally tally)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddKafkaSilo(options =>
        {
            options.BootstrapServers = kafka.BootstrapServers;
            options.GroupId = kafka.GroupId;
            options.TransactionsTopic = kafka.TransactionsTopic;
            options.DecisionsTopic = kafka.DecisionsTopic;
            options.LabelsTopic = kafka.LabelsTopic;
            options.DeadLetterTopic = kafka.DeadLetterTopic;
            // As the gateway's mock mode: the mock broker holds an empty fetch for the whole wait.
            options.FetchWaitMaxMs = 10;
        });
        builder.Services.AddSingleton<IDecisionSink>(tally);
        _host = builder.Build();
        _host.Services.GetRequiredService<ChampionModels>().Swap(LoadedModel.From(champion));
        Metrics = _host.Services.GetRequiredService<IngestionMetrics>();
        Ingestion = _host.Services.GetRequiredService<KafkaIngestionService>();
        Decisions = _host.Services.GetRequiredService<KafkaDecisionSink>();
    }

    public IngestionMetrics Metrics { get; }

    public KafkaIngestionService Ingestion { get; }

    public KafkaDecisionSink Decisions { get; }

    /// <summary>A small boosted-trees champion trained on simulated history, as <c>trainer train --quick</c> would.</summary>
    public static ModelPackage TrainChampion() => TrainCommand.Run(
        new TrainCommand.DataSource(null, new SimulationOptions { Seed = 5, Cards = 400, Merchants = 100, Days = 60 }),
        new TrainingOptions { Candidates = [CandidateKind.BoostedTrees], Search = false, TrainDays = 14, ValidDays = 3, TestDays = 7 },
        false,
        TimeProvider.System,
        TextWriter.Null).Package;

    public async Task StartAsync()
    {
        await _host.StartAsync();
        _started = true;
    }

    /// <summary>A graceful stop: partitions revoked, in-flight work finished, decisions flushed, offsets committed.</summary>
    public async Task StopAsync()
    {
        if (_started)
        {
            _started = false;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
