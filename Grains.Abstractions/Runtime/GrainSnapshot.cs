namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>A grain's persisted state as a storage provider sees it.</summary>
/// <param name="Payload">The state's own binary encoding. On write it is only valid during the call: copy it to keep it.</param>
/// <param name="SchemaVersion">The encoding version the payload was written with.</param>
/// <param name="Position">The stream position the state reflects, written atomically with it; null when not stream-driven.</param>
/// <param name="ETag">On read: the stored version. On write: the version the writer last saw (null: no record yet).</param>
public sealed record GrainSnapshot(ReadOnlyMemory<byte> Payload, int SchemaVersion, StreamPosition? Position, string? ETag);
