namespace FraudActors.Gateway.Api;

/// <summary>Where a card lives: the silo that answered and the card's partition of the transactions stream (null while the partition count is unknown).</summary>
internal sealed record CardOwnerView(string SiloId, int? Partition);
