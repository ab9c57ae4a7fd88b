using System.Buffers;

namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>
/// A grain state that encodes itself to bytes, so storage stays a binary blob and the state's owner
/// decides the format and how to read older versions.
/// </summary>
/// <typeparam name="TSelf">The state type itself.</typeparam>
public interface IPersistableState<TSelf>
    where TSelf : IPersistableState<TSelf>
{
    /// <summary>The version <see cref="WriteTo"/> writes; bump it whenever the encoding changes.</summary>
    static abstract int SchemaVersion { get; }

    /// <summary>The state of a grain that has never been stored.</summary>
    static abstract TSelf CreateEmpty();

    /// <summary>Decodes a payload written with <paramref name="schemaVersion"/> (possibly older than the current one).</summary>
    static abstract TSelf ReadFrom(ReadOnlySpan<byte> payload, int schemaVersion);

    /// <summary>Encodes the state with the current <see cref="SchemaVersion"/>.</summary>
    void WriteTo(IBufferWriter<byte> writer);
}
