using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Abstractions.Scoring;

/// <summary>The caller's side of <see cref="IScoringGrain"/>.</summary>
public sealed class ScoringGrainReference(GrainReference reference) : IScoringGrain
{
    public ValueTask<FraudScore?> ScoreAsync(CardFeatures card, MerchantFeatures merchant) =>
        reference.InvokeAsync<IScoringGrain, (CardFeatures Card, MerchantFeatures Merchant), FraudScore?>(
            (card, merchant), static (grain, input) => grain.ScoreAsync(input.Card, input.Merchant));
}
