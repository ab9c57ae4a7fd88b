namespace FraudActors.Trainer.Simulation;

/// <summary>
/// What to simulate. The same options (seed included) always produce the same rows in the same order.
/// Defaults describe the default scenario; <see cref="ForHandbook"/> gives the handbook's sizes.
/// </summary>
internal sealed record SimulationOptions
{
    public const int MaxCards = 10_000_000;
    public const int MaxMerchants = 10_000_000;

    public SimulationScenario Scenario { get; init; } = SimulationScenario.Default;

    public long Seed { get; init; } = 42;

    /// <summary>Cardholders (handbook: customers).</summary>
    public int Cards { get; init; } = 10_000;

    /// <summary>Merchants (handbook: terminals).</summary>
    public int Merchants { get; init; } = 2_000;

    /// <summary>Days to simulate; 0 means endless (the live demo paces the stream itself).</summary>
    public int Days { get; init; } = 30;

    /// <summary>The first simulated day (UTC). The live demo passes today.</summary>
    public DateOnly StartDate { get; init; } = new(2026, 1, 1);

    /// <summary>Prepended to every transaction id, so two runs fed into one engine do not collide.</summary>
    public string TransactionIdPrefix { get; init; } = "";

    /// <summary>Scales every default-scenario fraud rate (1 = the documented rates, 0 = no fraud).</summary>
    public double FraudMultiplier { get; init; } = 1.0;

    public DefaultFraudRates DefaultFraud { get; init; } = new();

    public HandbookParameters Handbook { get; init; } = new();

    /// <summary>The handbook's run: 5,000 customers, 10,000 terminals, 183 days from 2018-04-01 (~1.75M rows).</summary>
    public static SimulationOptions ForHandbook(long seed = 42) => new()
    {
        Scenario = SimulationScenario.Handbook,
        Seed = seed,
        Cards = 5_000,
        Merchants = 10_000,
        Days = 183,
        StartDate = new DateOnly(2018, 4, 1),
    };

    /// <summary>Returns a one-line reason naming the bad setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (!Enum.IsDefined(Scenario))
        {
            return $"unknown scenario '{Scenario}'; use default or handbook.";
        }

        if (Cards is < 1 or > MaxCards)
        {
            return $"cards must be between 1 and {MaxCards:N0}, got {Cards}.";
        }

        if (Merchants is < 1 or > MaxMerchants)
        {
            return $"merchants must be between 1 and {MaxMerchants:N0}, got {Merchants}.";
        }

        if (Days < 0)
        {
            return $"days must be 0 (endless) or more, got {Days}.";
        }

        if (StartDate.Year is < 2000 or > 2099)
        {
            return $"the start date must be between 2000-01-01 and 2099-12-31, got {StartDate:yyyy-MM-dd}.";
        }

        if (Days > 0 && StartDate.DayNumber + Days > new DateOnly(2100, 1, 1).DayNumber)
        {
            return "the simulated period must end before the year 2100.";
        }

        if (TransactionIdPrefix.Length > 64)
        {
            return "the transaction id prefix must be at most 64 characters.";
        }

        if (!(FraudMultiplier >= 0 && FraudMultiplier <= 100))
        {
            return $"the fraud multiplier must be between 0 and 100, got {FraudMultiplier}.";
        }

        return DefaultFraud.Validate() ?? Handbook.Validate();
    }
}
