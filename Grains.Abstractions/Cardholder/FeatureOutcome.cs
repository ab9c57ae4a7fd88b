namespace FraudActors.Grains.Abstractions.Cardholder;

/// <summary>What the card's windows did with a transaction.</summary>
public enum FeatureOutcome
{
    /// <summary>Counted in the windows; the features are exact as of its event time.</summary>
    Applied = 0,

    /// <summary>The id was seen before: nothing changed; the outcome is the first one's.</summary>
    Duplicate = 1,

    /// <summary>Later than the allowed lateness: scored, not counted in the windows.</summary>
    TooLate = 2,
}
