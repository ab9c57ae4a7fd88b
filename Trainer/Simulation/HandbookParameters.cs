namespace FraudActors.Trainer.Simulation;

/// <summary>The constants of the Fraud-Detection-Handbook simulator; the defaults are the handbook's.</summary>
internal sealed record HandbookParameters
{
    /// <summary>Terminals within this grid distance of a customer are the ones the customer uses.</summary>
    public double Radius { get; init; } = 5;

    /// <summary>Scenario 1: an amount strictly above this is fraud.</summary>
    public decimal AmountThreshold { get; init; } = 220m;

    /// <summary>Scenario 2: terminals drawn each day.</summary>
    public int CompromisedTerminalsPerDay { get; init; } = 2;

    /// <summary>Scenario 2: days a drawn terminal stays compromised (the draw day included).</summary>
    public int TerminalCompromiseDays { get; init; } = 28;

    /// <summary>Scenario 3: customers drawn each day.</summary>
    public int CompromisedCustomersPerDay { get; init; } = 3;

    /// <summary>Scenario 3: days a drawn customer stays compromised (the draw day included).</summary>
    public int CustomerCompromiseDays { get; init; } = 14;

    /// <summary>Scenario 3: share of a compromised customer's transactions that the fraudster makes.</summary>
    public double CompromisedCustomerShare { get; init; } = 1.0 / 3.0;

    /// <summary>Scenario 3: the fraudster's amount multiplier.</summary>
    public decimal CompromisedCustomerAmountFactor { get; init; } = 5m;

    internal string? Validate()
    {
        if (!(Radius > 0 && Radius <= 100))
        {
            return "the handbook radius must be in (0, 100].";
        }

        if (AmountThreshold <= 0 || CompromisedCustomerAmountFactor <= 0)
        {
            return "the handbook amount threshold and amount factor must be positive.";
        }

        if (CompromisedTerminalsPerDay < 0 || CompromisedCustomersPerDay < 0 || TerminalCompromiseDays < 1 || CustomerCompromiseDays < 1)
        {
            return "the handbook compromise counts must be ≥ 0 and their windows ≥ 1 day.";
        }

        return CompromisedCustomerShare is >= 0 and <= 1 ? null : "the handbook compromised-customer share must be between 0 and 1.";
    }
}
