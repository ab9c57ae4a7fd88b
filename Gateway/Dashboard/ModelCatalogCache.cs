using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// The registry listing and each model's shadow figures, re-read at most once per <see cref="MaxAge"/>: several open
/// dashboards polling every second must not turn into a registry query (or a registry grain call) per poll.
/// </summary>
internal sealed class ModelCatalogCache(IModelRegistryStore registry, IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(3);
    private const int ShadowPairsShown = 8;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ModelCatalog _catalog = ModelCatalog.Empty;
    private long _readAt;
    private bool _hasRead;

    public async Task<ModelCatalog> GetAsync(CancellationToken cancellationToken)
    {
        if (IsFresh())
        {
            return Volatile.Read(ref _catalog);
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh())
            {
                await ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            return _catalog;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private bool IsFresh() => Volatile.Read(ref _hasRead) && time.GetElapsedTime(Volatile.Read(ref _readAt)) < MaxAge;

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var summaries = await registry.ListAsync(null, cancellationToken).ConfigureAwait(false);
            var rows = new List<ModelVersionRow>(summaries.Count);
            var models = new List<string>();
            foreach (var summary in summaries)
            {
                rows.Add(new ModelVersionRow(
                    summary.Model,
                    summary.Version,
                    summary.Algorithm,
                    summary.PublishedAt,
                    summary.Status,
                    summary.Aliases,
                    summary.Metrics.TryGetValue("test.average_precision", out var ap) && double.IsFinite(ap) ? ap : null));
                if (!models.Contains(summary.Model))
                {
                    models.Add(summary.Model);
                }
            }

            var shadow = new List<ShadowRow>();
            foreach (var model in models)
            {
                await AddShadowAsync(model, shadow).ConfigureAwait(false);
            }

            Volatile.Write(ref _catalog, new ModelCatalog(rows, shadow, null));
        }
        catch (Exception exception) when (exception is StoreUnavailableException or InvalidOperationException or System.Data.Common.DbException
                                              or TimeoutException)
        {
            // Keep showing the last listing; the panel says why it may be stale.
            Volatile.Write(ref _catalog, _catalog with { Error = $"registry unavailable: {exception.Message}" });
        }

        Volatile.Write(ref _readAt, time.GetTimestamp());
        Volatile.Write(ref _hasRead, true);
    }

    private async Task AddShadowAsync(string model, List<ShadowRow> into)
    {
        var figures = await grains.GetGrain<IModelRegistryGrain>(model).GetShadowStatsAsync().ConfigureAwait(false);
        // Newest pairs first: the pair being evaluated now is the one an operator looks for.
        for (var i = figures.Count - 1; i >= 0 && figures.Count - i <= ShadowPairsShown; i--)
        {
            var stats = figures[i];
            into.Add(new ShadowRow(
                stats.Model,
                stats.ChampionVersion,
                stats.ChallengerVersion,
                stats.Count,
                Finite(stats.AgreementRate),
                Finite(stats.Correlation),
                stats.Count == 0 ? null : (double)stats.ChampionAlerts / stats.Count,
                stats.Count == 0 ? null : (double)stats.ChallengerAlerts / stats.Count));
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
