namespace FraudActors.Gateway.Api;

/// <summary>Confirmed feedback for one transaction (camelCase JSON).</summary>
internal sealed class LabelRequest
{
    public string? TransactionId { get; set; }

    public string? MerchantId { get; set; }

    /// <summary>The transaction's event time, ISO-8601 UTC.</summary>
    public string? TransactionTime { get; set; }

    public bool? IsFraud { get; set; }

    /// <summary>When the label became known (default: now).</summary>
    public string? KnownAt { get; set; }
}
