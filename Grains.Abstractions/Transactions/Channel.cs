namespace FraudActors.Grains.Abstractions.Transactions;

/// <summary>How the card was used.</summary>
public enum Channel
{
    CardPresent = 0,
    Online = 1,
}
