using System.Runtime.CompilerServices;

namespace FraudActors.Grains.Scoring;

/// <summary>
/// A feature row stored inline in a <see cref="ShadowRing"/> cell, so the ring's cells are the pool of row
/// buffers: queuing a copy allocates nothing. Wide enough for the card-behaviour (26) and European (30) schemas
/// with room to grow; a wider model is not shadow-scored.
/// </summary>
[InlineArray(MaxWidth)]
internal struct ShadowRow
{
    public const int MaxWidth = 64;

    private float _first;
}
