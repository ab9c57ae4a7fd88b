using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Grains.Cardholder;

/// <summary>The features of one transaction and whether it changed the card's state.</summary>
internal readonly record struct ApplyResult(CardFeatures Features, ApplyOutcome Outcome)
{
    public bool WasApplied => Outcome == ApplyOutcome.Applied;
}
