using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace FraudActors.Grains.Cardholder;

/// <summary>
/// A fixed 64-bit hash of UTF-16 text: multiply-rotate over little-endian 4-char blocks, murmur3's finaliser.
/// Snapshots persist these hashes, so the function must be identical in every process and build
/// (string.GetHashCode is randomised per process) — never change it without a snapshot schema version.
/// Hashing a span allocates nothing.
/// </summary>
internal static class StableHash
{
    private const ulong Seed = 0xCBF29CE484222325UL;
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = Seed ^ ((ulong)text.Length * Multiplier);
        var bytes = MemoryMarshal.AsBytes(text);
        var full = bytes.Length & ~7;
        for (var i = 0; i < full; i += 8)
        {
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(i, 8)));
        }

        if (full < bytes.Length)
        {
            ulong tail = 0;
            for (var i = bytes.Length - 1; i >= full; i--)
            {
                tail = (tail << 8) | bytes[i];
            }

            hash = Mix(hash, tail);
        }

        return Finish(hash);
    }

    /// <summary>Equals <see cref="Of"/> of the text upper-cased with <see cref="char.ToUpperInvariant"/> ("Paris" and "PARIS" agree).</summary>
    public static ulong OfIgnoreCase(ReadOnlySpan<char> text)
    {
        var hash = Seed ^ ((ulong)text.Length * Multiplier);
        ulong block = 0;
        var filled = 0;
        foreach (var c in text)
        {
            block |= (ulong)char.ToUpperInvariant(c) << (16 * filled);
            if (++filled == 4)
            {
                hash = Mix(hash, block);
                block = 0;
                filled = 0;
            }
        }

        if (filled > 0)
        {
            hash = Mix(hash, block);
        }

        return Finish(hash);
    }

    private static ulong Mix(ulong hash, ulong block) => BitOperations.RotateLeft((hash ^ block) * Multiplier, 29);

    private static ulong Finish(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53UL;
        return hash ^ (hash >> 33);
    }
}
