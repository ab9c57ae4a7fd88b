using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Abstractions.Scoring;

/// <summary>
/// Stateless scoring (a pool of workers, one per core): features in, probability, decision and reasons out,
/// with whatever model version is champion at that instant.
/// </summary>
public interface IScoringGrain : IGrainWithStringKey
{
    /// <summary>Scores with the card-behaviour champion; null while no model is loaded.</summary>
    ValueTask<FraudScore?> ScoreAsync(CardFeatures card, MerchantFeatures merchant);
}
