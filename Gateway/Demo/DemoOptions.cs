namespace FraudActors.Gateway.Demo;

/// <summary>The embedded demo's simulated traffic (section "Demo" of appsettings.json / FRAUDACTORS_Demo__*).</summary>
public sealed class DemoOptions
{
    /// <summary>Whether the demo generates traffic at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Transactions appended per second (default 2,000; 0 = as fast as the silo takes them).</summary>
    public int TransactionsPerSecond { get; set; } = 2_000;

    /// <summary>Train and promote a first model on simulated history when the registry has no champion (default true).</summary>
    public bool TrainModelIfMissing { get; set; } = true;

    /// <summary>Simulated cardholders (default 20,000).</summary>
    public int Cards { get; set; } = 20_000;

    /// <summary>Simulated merchants (default 2,000).</summary>
    public int Merchants { get; set; } = 2_000;

    /// <summary>Simulation seed (default 7).</summary>
    public long Seed { get; set; } = 7;

    /// <summary>
    /// Days of history streamed unpaced before the paced traffic (default 30), so cards have the warm windows the
    /// model was trained with; live precision and recall only count the paced traffic after it.
    /// </summary>
    public int WarmUpDays { get; set; } = 30;

    /// <summary>
    /// Where the demo keeps its simulated clock (the last simulated day), so a restart resumes the timeline the
    /// saved grain state has seen instead of replaying history the cards already moved past. Default: beside the
    /// embedded store.
    /// </summary>
    public string ClockFile { get; set; } = "data/demo-clock.txt";

    /// <summary>Seconds between console report lines (default 5; 0 = silent).</summary>
    public int ReportSeconds { get; set; } = 5;

    public string? Validate() =>
        TransactionsPerSecond < 0 ? "Demo:TransactionsPerSecond must be 0 or more."
        : Cards < 1 ? "Demo:Cards must be at least 1."
        : Merchants < 1 ? "Demo:Merchants must be at least 1."
        : ReportSeconds < 0 ? "Demo:ReportSeconds must be 0 or more."
        : WarmUpDays is < 0 or > 60 ? "Demo:WarmUpDays must be between 0 and 60."
        : null;
}
