namespace FraudActors.Grains.Abstractions.Models;

/// <summary>Probability ≥ <paramref name="Decline"/> declines, ≥ <paramref name="Review"/> sends to review, else approves.</summary>
public sealed record DecisionThresholds(float Review, float Decline)
{
    public Decisions.DecisionKind Decide(float probability) =>
        probability >= Decline ? Decisions.DecisionKind.Decline
        : probability >= Review ? Decisions.DecisionKind.Review
        : Decisions.DecisionKind.Approve;
}
