using System.Collections.Frozen;

namespace FraudActors.Grains.Scoring;

/// <summary>
/// The model each name currently serves with (its champion), and the challenger scored in shadow next to it,
/// shared by every scoring worker of the silo. A swap replaces one immutable map with another in a single
/// reference write: a scoring call reads the map once and finishes with the version it read, so a promotion
/// never fails or stalls a call, and calls that start after the swap see the new version.
/// </summary>
internal sealed class ChampionModels
{
    private FrozenDictionary<string, LoadedModel> _models = FrozenDictionary<string, LoadedModel>.Empty;
    private FrozenDictionary<string, LoadedModel> _challengers = FrozenDictionary<string, LoadedModel>.Empty;
    private readonly Lock _writers = new();

    /// <summary>Raised after a champion swap, with the model now serving.</summary>
    public event Action<LoadedModel>? Swapped;

    /// <summary>Raised after a champion or challenger of the named model changed (set, swapped or removed).</summary>
    public event Action<string>? Changed;

    public LoadedModel? Get(string modelName) => Volatile.Read(ref _models).GetValueOrDefault(modelName);

    /// <summary>The challenger of <paramref name="modelName"/>, or null when none is loaded (no shadow scoring).</summary>
    public LoadedModel? GetChallenger(string modelName) => Volatile.Read(ref _challengers).GetValueOrDefault(modelName);

    public IReadOnlyCollection<LoadedModel> All => Volatile.Read(ref _models).Values;

    public IReadOnlyCollection<LoadedModel> Challengers => Volatile.Read(ref _challengers).Values;

    public void Swap(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_writers)
        {
            _models = With(_models, model.Name, model);
        }

        Swapped?.Invoke(model);
        Changed?.Invoke(model.Name);
    }

    public void SwapChallenger(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_writers)
        {
            _challengers = With(_challengers, model.Name, model);
        }

        Changed?.Invoke(model.Name);
    }

    /// <summary>Stops shadow scoring for <paramref name="modelName"/>; returns false when it had no challenger.</summary>
    public bool RemoveChallenger(string modelName)
    {
        lock (_writers)
        {
            if (!_challengers.ContainsKey(modelName))
            {
                return false;
            }

            _challengers = With(_challengers, modelName, null);
        }

        Changed?.Invoke(modelName);
        return true;
    }

    private static FrozenDictionary<string, LoadedModel> With(FrozenDictionary<string, LoadedModel> current, string name, LoadedModel? model)
    {
        var next = new Dictionary<string, LoadedModel>(current, StringComparer.Ordinal);
        if (model is null)
        {
            next.Remove(name);
        }
        else
        {
            next[name] = model;
        }

        return next.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
