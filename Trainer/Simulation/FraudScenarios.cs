namespace FraudActors.Trainer.Simulation;

/// <summary>The scenario tags written to the <c>fraud_scenario</c> column (empty for genuine rows).</summary>
internal static class FraudScenarios
{
    /// <summary>Default scenario: bursts of small, mostly online amounts that probe whether a stolen card number works.</summary>
    public const string CardTesting = "card_testing";

    /// <summary>Default scenario: a physical card used far from where its owner is (impossible travel), sometimes locally.</summary>
    public const string StolenCard = "stolen_card";

    /// <summary>Default scenario: a new device, online, amount spikes in categories the card rarely uses.</summary>
    public const string AccountTakeover = "account_takeover";

    /// <summary>Default scenario: later fraud on cards that paid at a merchant while it was compromised (skimming).</summary>
    public const string CompromisedMerchant = "compromised_merchant";

    /// <summary>Handbook scenario 1: every amount above the threshold (220) is fraud.</summary>
    public const string LargeAmount = "large_amount";

    /// <summary>Handbook scenario 2: every transaction at a terminal in its 28-day compromise window is fraud.</summary>
    public const string CompromisedTerminal = "compromised_terminal";

    /// <summary>Handbook scenario 3: a third of a compromised customer's transactions for 14 days, amount × 5.</summary>
    public const string CompromisedCustomer = "compromised_customer";

    /// <summary>The tags of <see cref="SimulationScenario.Default"/>, in code order.</summary>
    public static IReadOnlyList<string> DefaultTags { get; } = [CardTesting, StolenCard, AccountTakeover, CompromisedMerchant];

    /// <summary>The tags of <see cref="SimulationScenario.Handbook"/>, in handbook order.</summary>
    public static IReadOnlyList<string> HandbookTags { get; } = [LargeAmount, CompromisedTerminal, CompromisedCustomer];
}
