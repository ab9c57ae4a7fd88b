using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Scoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Registry;

/// <summary>
/// Keeps this silo's <see cref="ChampionModels"/> equal to the registry's champion aliases: loads every champion
/// at start, then follows alias changes (pushed by the store, with its polling fallback) and swaps the new
/// version in without a restart. A version that fails to load is logged and the current one keeps serving.
/// </summary>
internal sealed partial class ChampionLoader(
    IModelRegistryStore store,
    ChampionModels models,
    TimeProvider time,
    ILogger<ChampionLoader> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Watch from the newest change already reflected, so nothing between loading and watching is missed.
                long after = 0;
                foreach (var model in await store.ListModelsAsync(stoppingToken).ConfigureAwait(false))
                {
                    var history = await store.AliasHistoryAsync(model, stoppingToken).ConfigureAwait(false);
                    after = history.Count > 0 ? Math.Max(after, history[^1].Sequence) : after;
                    await LoadChampionAsync(model, stoppingToken).ConfigureAwait(false);
                }

                await foreach (var change in store.WatchAsync(after, stoppingToken).ConfigureAwait(false))
                {
                    if (change.Alias == ModelAliases.Champion)
                    {
                        await LoadChampionAsync(change.Model, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is StoreUnavailableException or InvalidOperationException or IOException)
            {
                LogStoreFailed(logger, exception.Message);
                await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Loads the model's current champion unless it is already serving.</summary>
    public async Task LoadChampionAsync(string model, CancellationToken cancellationToken)
    {
        var version = await store.GetAliasAsync(model, ModelAliases.Champion, cancellationToken).ConfigureAwait(false);
        if (version is not { } champion || models.Get(model)?.Version == champion)
        {
            return;
        }

        var package = await store.GetAsync(model, champion, cancellationToken).ConfigureAwait(false);
        if (package is null)
        {
            LogMissing(logger, model, champion);
            return;
        }

        try
        {
            models.Swap(LoadedModel.From(package));
            LogSwapped(logger, model, champion, package.Algorithm);
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            LogLoadFailed(logger, model, champion, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} v{Version} ({Algorithm}) is now serving")]
    private static partial void LogSwapped(ILogger logger, string model, int version, string algorithm);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} v{Version} could not be loaded; the previous version keeps serving: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string model, int version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Champion {Model} v{Version} is not in the registry")]
    private static partial void LogMissing(ILogger logger, string model, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model registry unavailable, retrying: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string reason);
}
