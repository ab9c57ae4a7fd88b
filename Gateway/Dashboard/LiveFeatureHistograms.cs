using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Drift;

namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// Live counts in the bins of one model version's reference histograms, for the population stability index. The
/// feature row is the card-behaviour input (<see cref="Grains.Features.ModelInput"/>); the reference "score" bins the
/// probability. When <see cref="Capacity"/> samples are reached every count is halved, so memory stays fixed and
/// recent traffic weighs more than old. Not thread-safe: the owner serialises calls.
/// </summary>
internal sealed class LiveFeatureHistograms
{
    public const long DefaultCapacity = 20_000;
    private const string ScoreFeature = "score";
    private readonly FeatureHistogram[] _references;
    private readonly int[] _columns;
    private readonly long[][] _counts;
    private readonly long[] _missing;

    public LiveFeatureHistograms(ModelPackage package, long capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Model = package.ModelName;
        Version = package.Version;
        Capacity = capacity;
        // Only the card-behaviour schema can be rebuilt from a decision's features; other models get score drift only.
        var rowSchema = package.Schema.IsCompatibleWith(FeatureSchema.CardBehaviour) ? package.Schema.Features : [];
        var references = new List<FeatureHistogram>();
        var columns = new List<int>();
        foreach (var reference in package.Reference)
        {
            var column = reference.Feature == ScoreFeature ? -1 : IndexOf(rowSchema, reference.Feature);
            if (column >= 0 || reference.Feature == ScoreFeature)
            {
                references.Add(reference);
                columns.Add(column);
            }
        }

        _references = [.. references];
        _columns = [.. columns];
        _counts = new long[_references.Length][];
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] = new long[_references[i].Shares.Count];
        }

        _missing = new long[_references.Length];
    }

    public string Model { get; }

    public int Version { get; }

    public long Capacity { get; }

    /// <summary>Samples the counts hold (after halvings, their weight).</summary>
    public long Samples { get; private set; }

    /// <summary>Adds one decision: its card-behaviour row and its probability.</summary>
    public void Add(ReadOnlySpan<float> row, float probability)
    {
        for (var i = 0; i < _references.Length; i++)
        {
            var column = _columns[i];
            var value = column < 0 ? probability : column < row.Length ? row[column] : float.NaN;
            if (float.IsNaN(value))
            {
                _missing[i]++;
            }
            else
            {
                _counts[i][_references[i].BinOf(value)]++;
            }
        }

        if (++Samples >= Capacity)
        {
            Halve();
        }
    }

    public DriftPanel ToPanel()
    {
        var rows = new List<DriftRow>(_references.Length);
        var warnings = 0;
        for (var i = 0; i < _references.Length; i++)
        {
            var psi = PopulationStability.Index(_references[i], _counts[i], _missing[i]);
            var warning = psi > PopulationStability.WarningLevel;
            warnings += warning ? 1 : 0;
            rows.Add(new DriftRow(_references[i].Feature, psi, warning));
        }

        rows.Sort(static (a, b) => b.Psi.CompareTo(a.Psi));
        return new DriftPanel(Model, Version, Samples, PopulationStability.WarningLevel, warnings, rows);
    }

    private void Halve()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            var counts = _counts[i];
            for (var b = 0; b < counts.Length; b++)
            {
                counts[b] >>= 1;
            }

            _missing[i] >>= 1;
        }

        Samples >>= 1;
    }

    private static int IndexOf(IReadOnlyList<string> features, string name)
    {
        for (var i = 0; i < features.Count; i++)
        {
            if (features[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
