using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Registry;

namespace FraudActors.Grains.Scoring;

/// <summary>
/// This silo's shadow tallies since they were last drained into the registry grain. The shadow scorer records;
/// the registry grain drains (its persisted figures are the sum of all drains, from every silo).
/// </summary>
internal sealed class ShadowStatistics
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ShadowPair, ShadowTally> _tallies = [];

    /// <summary>Adds one transaction scored by both models.</summary>
    public void Record(LoadedModel champion, LoadedModel challenger, float championProbability, float challengerProbability)
    {
        var championDecision = champion.Package.Thresholds.Decide(championProbability);
        var challengerDecision = challenger.Package.Thresholds.Decide(challengerProbability);
        var pair = new ShadowPair(champion.Name, champion.Version, challenger.Version);
        lock (_lock)
        {
            if (!_tallies.TryGetValue(pair, out var tally))
            {
                tally = new ShadowTally();
                _tallies.Add(pair, tally);
            }

            tally.Add(
                championProbability,
                challengerProbability,
                championDecision == challengerDecision,
                championDecision != DecisionKind.Approve,
                challengerDecision != DecisionKind.Approve);
        }
    }

    /// <summary>The models with tallies not yet drained.</summary>
    public IReadOnlyList<string> PendingModels()
    {
        lock (_lock)
        {
            var models = new List<string>();
            foreach (var pair in _tallies.Keys)
            {
                if (!models.Contains(pair.Model))
                {
                    models.Add(pair.Model);
                }
            }

            return models;
        }
    }

    /// <summary>Takes (and forgets) the tallies of <paramref name="model"/>, ordered by champion then challenger version.</summary>
    public IReadOnlyList<ShadowStats> Drain(string model)
    {
        var drained = new List<ShadowStats>();
        lock (_lock)
        {
            foreach (var (pair, tally) in _tallies)
            {
                if (pair.Model == model)
                {
                    drained.Add(tally.ToStats(pair));
                }
            }

            foreach (var stats in drained)
            {
                _tallies.Remove(new ShadowPair(stats.Model, stats.ChampionVersion, stats.ChallengerVersion));
            }
        }

        drained.Sort(static (a, b) => a.ChampionVersion != b.ChampionVersion
            ? a.ChampionVersion.CompareTo(b.ChampionVersion)
            : a.ChallengerVersion.CompareTo(b.ChallengerVersion));
        return drained;
    }
}
