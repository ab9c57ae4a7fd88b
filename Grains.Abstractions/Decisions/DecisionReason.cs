namespace FraudActors.Grains.Abstractions.Decisions;

/// <summary>One feature's share of a decision: its value, its contribution to the margin, and a sentence for an analyst.</summary>
public sealed record DecisionReason(string Feature, float Value, float Contribution, string Text);
