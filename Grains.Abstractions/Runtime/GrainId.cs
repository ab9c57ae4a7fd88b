namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>The identity of a grain: its grain type name and key. Storage providers key snapshots by it.</summary>
/// <param name="Type">The grain type name (see <see cref="GrainTypeAttribute"/>); stable across releases.</param>
/// <param name="Key">The grain's primary key.</param>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
