using System.Collections.Frozen;

namespace FraudActors.Grains.Scoring;

/// <summary>
/// The model each name currently serves with, shared by every scoring worker of the silo. A swap replaces one
/// immutable map with another in a single reference write: a scoring call reads the map once and finishes with
/// the version it read, so a promotion never fails or stalls a call, and calls that start after the swap see
/// the new version.
/// </summary>
internal sealed class ChampionModels
{
    private FrozenDictionary<string, LoadedModel> _models = FrozenDictionary<string, LoadedModel>.Empty;
    private readonly Lock _writers = new();

    /// <summary>Raised after a swap, with the model now serving.</summary>
    public event Action<LoadedModel>? Swapped;

    public LoadedModel? Get(string modelName) => Volatile.Read(ref _models).GetValueOrDefault(modelName);

    public IReadOnlyCollection<LoadedModel> All => Volatile.Read(ref _models).Values;

    public void Swap(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_writers)
        {
            var next = new Dictionary<string, LoadedModel>(_models, StringComparer.Ordinal) { [model.Name] = model };
            Volatile.Write(ref _models, next.ToFrozenDictionary(StringComparer.Ordinal));
        }

        Swapped?.Invoke(model);
    }
}
