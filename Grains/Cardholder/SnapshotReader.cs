using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace FraudActors.Grains.Cardholder;

/// <summary>Bounds-checked little-endian reads; a short or corrupt snapshot fails with a clear message.</summary>
internal ref struct SnapshotReader(ReadOnlySpan<byte> source)
{
    private readonly ReadOnlySpan<byte> _source = source;
    private int _position;

    public readonly bool AtEnd => _position == _source.Length;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    private ReadOnlySpan<byte> Take(int length)
    {
        if (_source.Length - _position < length)
        {
            ThrowTruncated(_source.Length);
        }

        var slice = _source.Slice(_position, length);
        _position += length;
        return slice;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTruncated(int length) =>
        throw new InvalidDataException($"Card snapshot is truncated ({length} bytes).");
}
