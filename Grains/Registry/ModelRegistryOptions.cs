namespace FraudActors.Grains.Registry;

/// <summary>How the registry grain acknowledges a move and how much history it shows.</summary>
internal sealed class ModelRegistryOptions
{
    /// <summary>
    /// How long a promotion or rollback waits for this silo to serve the new version before it returns with
    /// <c>Served = false</c>. Default: 5 s (a swap normally lands within one poll interval of the store).
    /// </summary>
    public TimeSpan ServeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Alias moves shown in the status. Default: 20.</summary>
    public int HistoryTail { get; set; } = 20;
}
