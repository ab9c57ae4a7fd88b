namespace FraudActors.Grains.Abstractions.Decisions;

/// <summary>What the engine recommends for a transaction.</summary>
public enum DecisionKind
{
    Approve = 0,
    Review = 1,
    Decline = 2,
}
