namespace FraudActors.Gateway.Api;

/// <summary>Body of POST /v1/models/{model}/rollback.</summary>
internal sealed class RollbackRequest
{
    public string? Reason { get; set; }
}
