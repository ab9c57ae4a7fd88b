using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Registry;

/// <summary>
/// The registry grain's persisted state: the shadow figures of its model per (champion, challenger) pair,
/// summed over every flush of every silo. Encoded as length-prefixed little-endian fields.
/// </summary>
internal sealed class ShadowLedger : IPersistableState<ShadowLedger>
{
    private ShadowLedger(List<ShadowStats> entries) => Entries = entries;

    public static int SchemaVersion => 1;

    /// <summary>Ordered by champion version, then challenger version.</summary>
    public List<ShadowStats> Entries { get; }

    public static ShadowLedger CreateEmpty() => new([]);

    /// <summary>A new ledger with <paramref name="additions"/> added to the matching pairs.</summary>
    public ShadowLedger Plus(IReadOnlyList<ShadowStats> additions)
    {
        var entries = new List<ShadowStats>(Entries);
        foreach (var addition in additions)
        {
            var index = entries.FindIndex(e => e.ChampionVersion == addition.ChampionVersion && e.ChallengerVersion == addition.ChallengerVersion);
            if (index >= 0)
            {
                entries[index] = entries[index].Add(addition);
            }
            else
            {
                entries.Add(addition);
            }
        }

        entries.Sort(static (a, b) => a.ChampionVersion != b.ChampionVersion
            ? a.ChampionVersion.CompareTo(b.ChampionVersion)
            : a.ChallengerVersion.CompareTo(b.ChallengerVersion));
        return new ShadowLedger(entries);
    }

    public static ShadowLedger ReadFrom(ReadOnlySpan<byte> payload, int schemaVersion)
    {
        if (schemaVersion != SchemaVersion)
        {
            throw new InvalidDataException($"Shadow ledger schema {schemaVersion} is not known to this build (it reads {SchemaVersion}).");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(payload);
        payload = payload[4..];
        var entries = new List<ShadowStats>(count);
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadInt32LittleEndian(payload);
            var model = Encoding.UTF8.GetString(payload.Slice(4, nameLength));
            payload = payload[(4 + nameLength)..];
            entries.Add(new ShadowStats(
                model,
                ReadInt(ref payload),
                ReadInt(ref payload),
                ReadLong(ref payload),
                ReadLong(ref payload),
                ReadLong(ref payload),
                ReadLong(ref payload),
                ReadDouble(ref payload),
                ReadDouble(ref payload),
                ReadDouble(ref payload),
                ReadDouble(ref payload),
                ReadDouble(ref payload)));
        }

        return new ShadowLedger(entries);
    }

    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteInt(writer, Entries.Count);
        foreach (var e in Entries)
        {
            var name = Encoding.UTF8.GetBytes(e.Model);
            WriteInt(writer, name.Length);
            writer.Write(name);
            WriteInt(writer, e.ChampionVersion);
            WriteInt(writer, e.ChallengerVersion);
            WriteLong(writer, e.Count);
            WriteLong(writer, e.Agreements);
            WriteLong(writer, e.ChampionAlerts);
            WriteLong(writer, e.ChallengerAlerts);
            WriteDouble(writer, e.SumChampion);
            WriteDouble(writer, e.SumChallenger);
            WriteDouble(writer, e.SumChampionSquared);
            WriteDouble(writer, e.SumChallengerSquared);
            WriteDouble(writer, e.SumProduct);
        }
    }

    private static int ReadInt(ref ReadOnlySpan<byte> payload)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(payload);
        payload = payload[4..];
        return value;
    }

    private static long ReadLong(ref ReadOnlySpan<byte> payload)
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(payload);
        payload = payload[8..];
        return value;
    }

    private static double ReadDouble(ref ReadOnlySpan<byte> payload)
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(payload);
        payload = payload[8..];
        return value;
    }

    private static void WriteInt(IBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    private static void WriteLong(IBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    private static void WriteDouble(IBufferWriter<byte> writer, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }
}
