namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>The names of the promotion gate's checks, in the order the gate runs them.</summary>
public static class GateChecks
{
    /// <summary>The booster compiles and matches its schema's width.</summary>
    public const string Loads = "loads";

    /// <summary>Every prediction on the sanity sample is finite and within [0, 1].</summary>
    public const string FiniteProbabilities = "finite-in-0-1";

    /// <summary>The package schema is one the running silos produce.</summary>
    public const string Schema = "schema";

    /// <summary>Held-out average precision at least the configured floor.</summary>
    public const string AveragePrecisionFloor = "average-precision";

    /// <summary>Not worse than the current champion by more than the tolerance.</summary>
    public const string NotWorseThanChampion = "vs-champion";
}
