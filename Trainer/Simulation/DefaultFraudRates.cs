namespace FraudActors.Trainer.Simulation;

/// <summary>
/// How often the default scenario injects each fraud pattern, as events per 10,000 card-days. With the
/// defaults and about two transactions per card-day, fraud is about 0.5% of rows (card testing ~0.15%,
/// stolen card ~0.1%, account takeover ~0.06%, compromised merchant ~0.2%).
/// </summary>
internal sealed record DefaultFraudRates
{
    /// <summary>Card-testing bursts started per 10,000 card-days.</summary>
    public double CardTesting { get; init; } = 3.0;

    /// <summary>Stolen-card sprees started per 10,000 card-days.</summary>
    public double StolenCard { get; init; } = 5.0;

    /// <summary>Account takeovers started per 10,000 card-days.</summary>
    public double AccountTakeover { get; init; } = 5.0;

    /// <summary>Merchants compromised per day per 10,000 cards (each stays compromised 3–10 days).</summary>
    public double MerchantCompromise { get; init; } = 1.5;

    /// <summary>Chance that a card-present payment at a compromised merchant leaks the card.</summary>
    public double SkimProbability { get; init; } = 0.5;

    internal string? Validate()
    {
        if (!IsRate(CardTesting) || !IsRate(StolenCard) || !IsRate(AccountTakeover) || !IsRate(MerchantCompromise))
        {
            return "fraud rates must be finite numbers between 0 and 1000 events per 10,000 card-days.";
        }

        return SkimProbability is >= 0 and <= 1 ? null : "the skim probability must be between 0 and 1.";
    }

    private static bool IsRate(double value) => value is >= 0 and <= 1000;
}
