namespace FraudActors.Gateway.Api;

/// <summary>Probability ≥ decline declines, ≥ review sends to review.</summary>
internal sealed record ThresholdsView(float Review, float Decline);
