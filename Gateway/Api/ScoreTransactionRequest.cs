namespace FraudActors.Gateway.Api;

/// <summary>One raw transaction as the API receives it (camelCase JSON). Every field is nullable so a missing one is reported by name.</summary>
internal sealed class ScoreTransactionRequest
{
    public string? TransactionId { get; set; }

    public string? CardId { get; set; }

    /// <summary>Event time, ISO-8601 in UTC ("2026-01-01T08:30:00Z").</summary>
    public string? Timestamp { get; set; }

    public decimal? Amount { get; set; }

    /// <summary>ISO 4217, e.g. "EUR".</summary>
    public string? Currency { get; set; }

    public string? MerchantId { get; set; }

    public string? MerchantCategory { get; set; }

    /// <summary>"cardPresent" or "online".</summary>
    public string? Channel { get; set; }

    public string? City { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? DeviceId { get; set; }
}
