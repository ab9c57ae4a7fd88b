using System.Runtime.CompilerServices;

namespace FraudActors.Grains.Cardholder;

/// <summary>Hashes of the card's most recently used distinct devices, newest first, held inline.</summary>
[InlineArray(Length)]
internal struct RecentDevices
{
    public const int Length = 8;

    private ulong _first;
}
