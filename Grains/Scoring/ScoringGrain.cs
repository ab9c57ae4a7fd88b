using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Scoring;
using FraudActors.Grains.Features;

namespace FraudActors.Grains.Scoring;

/// <summary>
/// Scores feature vectors with the current champion, in managed code (no XGBoost on the hot path), and explains
/// the decision by tree-path attribution: the three features that pushed the margin most toward fraud. When a
/// challenger is loaded, a copy of the row goes to the shadow queue (never waiting) after the champion answered.
/// </summary>
[StatelessWorker]
[GrainType("scoring")]
internal sealed class ScoringGrain(ChampionModels models, ShadowQueue shadow) : Grain, IScoringGrain
{
    public const string CardBehaviourModel = "card-behaviour";
    private const int ReasonCount = 3;

    public ValueTask<FraudScore?> ScoreAsync(CardFeatures card, MerchantFeatures merchant) =>
        ValueTask.FromResult(ScoreWithShadow(models, shadow, card, merchant));

    /// <summary>The body of <see cref="ScoreAsync"/>: champion score, then the shadow hand-off. Public to the benchmarks.</summary>
    internal static FraudScore? ScoreWithShadow(ChampionModels models, ShadowQueue shadow, in CardFeatures card, in MerchantFeatures merchant)
    {
        var model = models.Get(CardBehaviourModel);
        if (model is null)
        {
            return null;
        }

        Span<float> input = stackalloc float[ModelInput.Width];
        ModelInput.Write(card, merchant, input);
        var score = Score(model, input);
        if (models.GetChallenger(CardBehaviourModel) is { } challenger)
        {
            shadow.Offer(model, challenger, input, score.Probability);
        }

        return score;
    }

    /// <summary>Scores one row of <paramref name="model"/>'s schema; shared with the plain-columns endpoint.</summary>
    public static FraudScore Score(LoadedModel model, ReadOnlySpan<float> input)
    {
        var evaluator = model.Evaluator;
        var probability = evaluator.PredictProbability(input);
        Span<float> contributions = stackalloc float[evaluator.FeatureCount + 1];
        evaluator.Contributions(input, contributions);
        Span<FeatureContribution> top = stackalloc FeatureContribution[ReasonCount];
        var count = TopTowardFraud(contributions[..evaluator.FeatureCount], top);

        var reasons = new List<DecisionReason>(count);
        var names = model.Package.Schema.Features;
        for (var i = 0; i < count; i++)
        {
            var feature = names[top[i].Feature];
            var value = input[top[i].Feature];
            reasons.Add(new DecisionReason(feature, value, top[i].Value, ReasonText.Describe(feature, value)));
        }

        var thresholds = model.Package.Thresholds;
        return new FraudScore(probability, thresholds.Decide(probability), thresholds, model.Name, model.Version, reasons);
    }

    /// <summary>The largest positive contributions, largest first: only what pushed toward fraud explains an alert.</summary>
    internal static int TopTowardFraud(ReadOnlySpan<float> contributions, Span<FeatureContribution> top)
    {
        var count = 0;
        for (var feature = 0; feature < contributions.Length; feature++)
        {
            var value = contributions[feature];
            if (!(value > 0) || (count == top.Length && value <= top[count - 1].Value))
            {
                continue;
            }

            var slot = count < top.Length ? count++ : count - 1;
            while (slot > 0 && top[slot - 1].Value < value)
            {
                top[slot] = top[slot - 1];
                slot--;
            }

            top[slot] = new FeatureContribution(feature, value);
        }

        return count;
    }
}
