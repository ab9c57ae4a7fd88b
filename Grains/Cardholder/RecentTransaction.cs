namespace FraudActors.Grains.Cardholder;

/// <summary>A retained transaction as the card view shows it (the state keeps hashes, not the original strings).</summary>
/// <param name="LocationKey">See <see cref="Cardholder.LocationKey"/>; 0 when unknown.</param>
internal sealed record RecentTransaction(
    DateTimeOffset Timestamp,
    ulong TransactionIdHash,
    float Amount,
    uint LocationKey,
    float? Latitude,
    float? Longitude);
