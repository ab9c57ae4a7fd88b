using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Scoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Registry;

/// <summary>
/// Keeps this silo's <see cref="ChampionModels"/> equal to the registry's champion and challenger aliases: loads
/// both for every model at start, then follows alias changes (pushed by the store — LISTEN/NOTIFY on PostgreSQL —
/// with its polling fallback) and swaps the new version in without a restart. A version that fails to load is
/// logged and the current one keeps serving. Changes are handled one at a time and each reads the alias's
/// current value, so what this silo serves only ever moves forward through the store's history.
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
                    await LoadChallengerAsync(model, stoppingToken).ConfigureAwait(false);
                }

                await foreach (var change in store.WatchAsync(after, stoppingToken).ConfigureAwait(false))
                {
                    if (change.Alias == ModelAliases.Champion)
                    {
                        await LoadChampionAsync(change.Model, stoppingToken).ConfigureAwait(false);
                    }
                    else if (change.Alias == ModelAliases.Challenger)
                    {
                        await LoadChallengerAsync(change.Model, stoppingToken).ConfigureAwait(false);
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

        if (await LoadAsync(model, champion, cancellationToken).ConfigureAwait(false) is { } loaded)
        {
            models.Swap(loaded);
            LogSwapped(logger, model, champion, ModelAliases.Champion, loaded.Package.Algorithm);
        }
    }

    /// <summary>Loads the model's current challenger (shadow scoring), or stops shadow scoring when the alias was removed.</summary>
    public async Task LoadChallengerAsync(string model, CancellationToken cancellationToken)
    {
        var version = await store.GetAliasAsync(model, ModelAliases.Challenger, cancellationToken).ConfigureAwait(false);
        if (version is not { } challenger)
        {
            if (models.RemoveChallenger(model))
            {
                LogChallengerRemoved(logger, model);
            }

            return;
        }

        if (models.GetChallenger(model)?.Version == challenger)
        {
            return;
        }

        if (await LoadAsync(model, challenger, cancellationToken).ConfigureAwait(false) is { } loaded)
        {
            models.SwapChallenger(loaded);
            LogSwapped(logger, model, challenger, ModelAliases.Challenger, loaded.Package.Algorithm);
        }
    }

    private async Task<LoadedModel?> LoadAsync(string model, int version, CancellationToken cancellationToken)
    {
        var package = await store.GetAsync(model, version, cancellationToken).ConfigureAwait(false);
        if (package is null)
        {
            LogMissing(logger, model, version);
            return null;
        }

        try
        {
            return LoadedModel.From(package);
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or System.Text.Json.JsonException
            or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            LogLoadFailed(logger, model, version, exception.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} v{Version} ({Algorithm}) is now serving as {Alias}")]
    private static partial void LogSwapped(ILogger logger, string model, int version, string alias, string algorithm);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} has no challenger any more; shadow scoring stopped")]
    private static partial void LogChallengerRemoved(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} v{Version} could not be loaded; the previous version keeps serving: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string model, int version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} v{Version} is not in the registry")]
    private static partial void LogMissing(ILogger logger, string model, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model registry unavailable, retrying: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string reason);
}
