using FraudActors.Grains.Abstractions.Registry;

namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// The registry listing, re-read at most once per <see cref="MaxAge"/>: several open dashboards polling every
/// second must not turn into a registry query per poll.
/// </summary>
internal sealed class ModelCatalogCache(IModelRegistryStore registry, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyList<ModelVersionRow> _versions = [];
    private string? _error;
    private long _readAt;
    private bool _hasRead;

    public async Task<(IReadOnlyList<ModelVersionRow> Versions, string? Error)> GetAsync(CancellationToken cancellationToken)
    {
        if (IsFresh())
        {
            return (_versions, _error);
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh())
            {
                await ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            return (_versions, _error);
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
            }

            _versions = rows;
            _error = null;
        }
        catch (Exception exception) when (exception is StoreUnavailableException or InvalidOperationException or System.Data.Common.DbException)
        {
            // Keep showing the last listing; the panel says why it may be stale.
            _error = $"registry unavailable: {exception.Message}";
        }

        Volatile.Write(ref _readAt, time.GetTimestamp());
        Volatile.Write(ref _hasRead, true);
    }
}
