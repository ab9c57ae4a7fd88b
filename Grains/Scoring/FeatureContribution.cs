namespace FraudActors.Grains.Scoring;

/// <summary>How much one feature moved a row's margin (log-odds for logistic models).</summary>
internal readonly record struct FeatureContribution(int Feature, float Value);
