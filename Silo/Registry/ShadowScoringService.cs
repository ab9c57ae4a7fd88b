using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Scoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Registry;

/// <summary>
/// Runs the <see cref="ShadowScorer"/> on its own loop (off the scoring hot path) and, every
/// <see cref="ShadowOptions.FlushInterval"/>, hands each model's tallies to its registry grain, which adds them
/// to its persisted figures. Stopping flushes once more.
/// </summary>
internal sealed partial class ShadowScoringService(
    ShadowScorer scorer,
    ShadowStatistics statistics,
    ShadowOptions options,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<ShadowScoringService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The scorer gets its own thread-pool loop: scoring copies must never wait behind a flush.
        var scoring = Task.Run(() => scorer.RunAsync(stoppingToken), CancellationToken.None);
        try
        {
            using var timer = new PeriodicTimer(options.FlushInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await scoring.ConfigureAwait(false);
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Hands every model's pending tallies to its registry grain.</summary>
    public async Task FlushAsync()
    {
        foreach (var model in statistics.PendingModels())
        {
            try
            {
                await grains.GetGrain<IModelRegistryGrain>(model).FlushShadowAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The tallies stay with the grain (or the silo) and go with the next flush.
                LogFlushFailed(logger, model, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shadow figures of {Model} could not be persisted yet: {Reason}")]
    private static partial void LogFlushFailed(ILogger logger, string model, string reason);
}
