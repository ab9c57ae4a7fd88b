namespace FraudActors.Gateway.Api;

/// <summary>Body of POST /v1/models/{model}/promote.</summary>
internal sealed class PromoteRequest
{
    public int? Version { get; set; }

    /// <summary>"champion" (default) or "challenger" or another alias.</summary>
    public string? Alias { get; set; }

    /// <summary>Moves the alias although a blocking gate check failed (recorded in the history).</summary>
    public bool? Force { get; set; }

    public string? Reason { get; set; }
}
