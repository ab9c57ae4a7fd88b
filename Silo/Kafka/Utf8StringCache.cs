using System.Text;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// Decodes short UTF-8 strings that repeat across records (currency codes, merchant ids, cities) to one shared string
/// each. A direct-mapped table: a slot holds the bytes and the string last decoded for its hash, a collision simply
/// replaces it. Lock-free and thread-safe: a slot is one immutable object swapped by reference, so a reader sees an
/// old entry or a new one, never a torn one. Values longer than <see cref="MaxBytes"/> are decoded every time.
/// </summary>
internal sealed class Utf8StringCache
{
    public const int MaxBytes = 48;

    private readonly Entry?[] _slots;
    private readonly int _mask;

    public Utf8StringCache(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        if (!int.IsPow2(slots))
        {
            throw new ArgumentException("The slot count must be a power of two.", nameof(slots));
        }

        _slots = new Entry?[slots];
        _mask = slots - 1;
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var slot = ref _slots[Hash(utf8) & _mask];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Text;
        }

        var text = Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref slot, new Entry(utf8.ToArray(), text));
        return text;
    }

    /// <summary>FNV-1a: short keys, no seed needed (the table only trades speed, never correctness, on collisions).</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15));
    }

    private sealed record Entry(byte[] Utf8, string Text);
}
