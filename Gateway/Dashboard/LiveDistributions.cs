using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Features;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// What the Traffic and Models panels need from the decisions themselves: a score histogram over every scored
/// decision (one interlocked increment) and, for one record in <see cref="SampleEvery"/> (chosen by stream offset,
/// so no shared counter is touched), the feature row binned against the champion's reference histograms for drift.
/// Everything is bounded: <see cref="ScoreBins"/> counters, and one <see cref="LiveFeatureHistograms"/> per model name.
/// </summary>
internal sealed class LiveDistributions(ChampionModels models) : IDecisionSink
{
    public const int ScoreBins = 20;
    public const int SampleEvery = 8;
    private readonly long[] _scoreBins = new long[ScoreBins];
    private readonly Lock _drift = new();
    private readonly Dictionary<string, LiveFeatureHistograms> _byModel = new(StringComparer.Ordinal);

    public void Accept(in StreamRecord record, TransactionOutcome outcome)
    {
        if (outcome.Score is not { } score || outcome.Outcome == FeatureOutcome.Duplicate)
        {
            return;
        }

        Interlocked.Increment(ref _scoreBins[ScoreBin(score.Probability)]);
        if (record.Offset % SampleEvery == 0)
        {
            SampleDrift(outcome, score);
        }
    }

    /// <summary>The bin of <paramref name="probability"/> among <see cref="ScoreBins"/> equal bins over [0, 1] (1 falls in the last).</summary>
    public static int ScoreBin(float probability) =>
        float.IsNaN(probability) ? 0 : Math.Clamp((int)(probability * ScoreBins), 0, ScoreBins - 1);

    /// <summary>Scored decisions per score bin since start.</summary>
    public long[] ScoreCounts()
    {
        var copy = new long[ScoreBins];
        for (var i = 0; i < ScoreBins; i++)
        {
            copy[i] = Volatile.Read(ref _scoreBins[i]);
        }

        return copy;
    }

    /// <summary>Drift of every model that has scored a sampled decision, by model name.</summary>
    public IReadOnlyList<DriftPanel> Drift()
    {
        lock (_drift)
        {
            var panels = new List<DriftPanel>(_byModel.Count);
            foreach (var live in _byModel.Values)
            {
                panels.Add(live.ToPanel());
            }

            panels.Sort(static (a, b) => string.CompareOrdinal(a.Model, b.Model));
            return panels;
        }
    }

    private void SampleDrift(TransactionOutcome outcome, FraudScore score)
    {
        Span<float> row = stackalloc float[ModelInput.Width];
        var card = outcome.Card;
        var merchant = outcome.Merchant;
        ModelInput.Write(card, merchant, row);
        lock (_drift)
        {
            if (!_byModel.TryGetValue(score.ModelName, out var live) || live.Version != score.ModelVersion)
            {
                // The reference comes with the version that scored; during a swap the old one may still score a few.
                if (models.Get(score.ModelName) is not { } champion || champion.Version != score.ModelVersion)
                {
                    return;
                }

                live = new LiveFeatureHistograms(champion.Package);
                _byModel[score.ModelName] = live;
            }

            live.Add(row, score.Probability);
        }
    }
}
