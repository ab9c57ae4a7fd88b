using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Scoring;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Demo;

/// <summary>
/// On a fresh machine the registry is empty, so the demo trains a first card-behaviour model on simulated
/// history (out of time, as the trainer does), publishes it and makes it champion. Until then the engine runs
/// and shows rule-based suspicions; the champion loader swaps the model in when it lands, with no restart.
/// </summary>
internal sealed partial class DemoModelBootstrapper(
    IModelRegistryStore registry,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoModelBootstrapper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TrainModelIfMissing)
        {
            return;
        }

        try
        {
            if (await registry.GetAliasAsync(ScoringGrain.CardBehaviourModel, ModelAliases.Champion, stoppingToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            LogTraining(logger);
            var source = new TrainCommand.DataSource(null, new SimulationOptions { Seed = 11, Cards = 3_000, Merchants = 600, Days = 60 });
            var training = new TrainingOptions { Candidates = [CandidateKind.BoostedTrees], Search = false, TrainDays = 14, ValidDays = 3, TestDays = 7 };
            var outcome = await Task.Run(() => TrainCommand.Run(source, training, skipBad: false, time, TextWriter.Null, stoppingToken), stoppingToken).ConfigureAwait(false);
            var published = await registry.PublishAsync(outcome.Package, "demo", "first model, trained on simulated history at start-up", stoppingToken).ConfigureAwait(false);
            await registry.SetAliasAsync(published.ModelName, ModelAliases.Champion, published.Version, "demo", "first model", forced: false, stoppingToken).ConfigureAwait(false);
            LogPublished(logger, published.ModelName, published.Version, outcome.Test.RocAuc, outcome.Test.AveragePrecision);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No champion model yet: training one on simulated history (takes a little while; the engine runs meanwhile)")]
    private static partial void LogTraining(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Model} v{Version} as champion (out-of-time test ROC-AUC {RocAuc:F3}, average precision {AveragePrecision:F3})")]
    private static partial void LogPublished(ILogger logger, string model, int version, double rocAuc, double averagePrecision);
}
