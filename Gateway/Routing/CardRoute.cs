using FraudActors.Silo.Membership;

namespace FraudActors.Gateway.Routing;

/// <summary>Where a card's requests go: this silo, another live silo, or nowhere right now.</summary>
/// <param name="IsLocal">This silo owns the card's partition.</param>
/// <param name="Owner">The owning member when it is another silo; null when local or when no live member owns the partition.</param>
/// <param name="Partition">The card's partition; −1 while the partition count is unknown.</param>
internal readonly record struct CardRoute(bool IsLocal, SiloMember? Owner, int Partition);
