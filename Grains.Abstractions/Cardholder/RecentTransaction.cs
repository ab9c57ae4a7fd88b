namespace FraudActors.Grains.Abstractions.Cardholder;

/// <summary>A retained transaction as the card view shows it (the state keeps hashes, not the original strings).</summary>
/// <param name="LocationKey">A hash of the rounded location (about 1 km); 0 when unknown.</param>
public sealed record RecentTransaction(
    DateTimeOffset Timestamp,
    ulong TransactionIdHash,
    float Amount,
    uint LocationKey,
    float? Latitude,
    float? Longitude);
