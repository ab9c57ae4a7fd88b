namespace FraudActors.Gateway.Api;

/// <summary>One retained transaction of a card (the grain keeps no ids or merchants, only what its windows need).</summary>
internal sealed record CardTransactionView(DateTimeOffset Timestamp, float Amount, float? Latitude, float? Longitude);
