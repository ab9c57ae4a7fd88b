using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Scoring;

namespace FraudActors.Grains.Registry;

/// <summary>
/// One model's registry (key = model name). Promotions pass the <see cref="PromotionGate"/>, land in the store
/// (whose watchers swap every silo), and are acknowledged only once this silo serves the new version, so the
/// caller's next scoring call uses it. Its persisted state is the model's shadow figures, summed over the
/// periodic flushes of every silo's <see cref="ShadowStatistics"/>.
/// </summary>
[GrainType("model-registry")]
internal sealed class ModelRegistryGrain(
    IModelRegistryStore store,
    ChampionModels models,
    ShadowStatistics shadow,
    ShadowQueue queue,
    PromotionGate gate,
    ModelRegistryOptions options) : Grain<ShadowLedger>, IModelRegistryGrain
{
    private readonly ModelPromoter _promoter = new(store, gate);

    // Drained from the silo but not yet written (the write failed); added again on the next flush.
    private List<ShadowStats> _unwritten = [];

    private string Model => GetPrimaryKeyString();

    public async ValueTask<PromotionResult> PromoteAsync(int version, string alias, bool force, string by, string reason)
    {
        var result = await _promoter.PromoteAsync(Model, version, alias, force, by, reason).ConfigureAwait(false);
        return result.Applied
            ? result with { Served = await WaitUntilServedAsync(alias, version).ConfigureAwait(false) }
            : result;
    }

    public async ValueTask<RollbackResult> RollbackAsync(string by, string reason)
    {
        var result = await _promoter.RollbackAsync(Model, by, reason).ConfigureAwait(false);
        return result is { Applied: true, To: { } to }
            ? result with { Served = await WaitUntilServedAsync(ModelAliases.Champion, to).ConfigureAwait(false) }
            : result;
    }

    public async ValueTask<ModelRegistryStatus> GetStatusAsync()
    {
        var versions = await store.ListAsync(Model).ConfigureAwait(false);
        var history = await store.AliasHistoryAsync(Model).ConfigureAwait(false);
        var champion = await store.GetAliasAsync(Model, ModelAliases.Champion).ConfigureAwait(false);
        var challenger = await store.GetAliasAsync(Model, ModelAliases.Challenger).ConfigureAwait(false);
        var tail = history.Count <= options.HistoryTail ? history : history.Skip(history.Count - options.HistoryTail).ToArray();
        var figures = await GetShadowStatsAsync().ConfigureAwait(false);
        return new ModelRegistryStatus(
            Model,
            versions,
            champion,
            challenger,
            models.Get(Model)?.Version,
            models.GetChallenger(Model)?.Version,
            tail,
            figures,
            queue.Dropped);
    }

    public async ValueTask<IReadOnlyList<ShadowStats>> GetShadowStatsAsync()
    {
        await FlushShadowAsync().ConfigureAwait(false);
        return State.Plus(_unwritten).Entries;
    }

    public async ValueTask FlushShadowAsync()
    {
        var drained = shadow.Drain(Model);
        if (drained.Count == 0 && _unwritten.Count == 0)
        {
            return;
        }

        var pending = ShadowLedger.CreateEmpty().Plus(_unwritten).Plus(drained).Entries;
        var before = State;
        try
        {
            State = before.Plus(pending);
            await WriteStateAsync().ConfigureAwait(false);
            _unwritten = [];
        }
        catch (InconsistentStateException)
        {
            // Another silo's registry grain for this model wrote first: add our share to what it stored.
            await ReadStateAsync().ConfigureAwait(false);
            State = State.Plus(pending);
            try
            {
                await WriteStateAsync().ConfigureAwait(false);
                _unwritten = [];
            }
            catch (InconsistentStateException)
            {
                await ReadStateAsync().ConfigureAwait(false);
                _unwritten = pending;
            }
        }
    }

    /// <summary>True once this silo scores with <paramref name="version"/> under <paramref name="alias"/>; false after the serve timeout.</summary>
    private async Task<bool> WaitUntilServedAsync(string alias, int version)
    {
        var model = Model;
        var champion = alias == ModelAliases.Champion;
        bool Serves() => (champion ? models.Get(model) : models.GetChallenger(model))?.Version == version;

        var served = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(string name)
        {
            if (name == model && Serves())
            {
                served.TrySetResult();
            }
        }

        models.Changed += OnChanged;
        try
        {
            if (Serves())
            {
                return true;
            }

            await served.Task.WaitAsync(options.ServeTimeout, TimeProvider).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return Serves();
        }
        finally
        {
            models.Changed -= OnChanged;
        }
    }
}
