using System.Buffers;
using System.Buffers.Binary;

namespace FraudActors.Grains.Cardholder;

/// <summary>
/// Binary snapshots. The storage keeps the schema version next to the bytes; <see cref="WriteTo"/> always writes
/// <see cref="SchemaVersion"/>, <see cref="ReadFrom"/> reads every version ever written. To change the layout:
/// bump <see cref="SchemaVersion"/>, write the new layout, add a ReadVersionN and leave the older readers alone.
/// </summary>
internal sealed partial class CardBehaviour
{
    private const int FixedBytesV1 = (8 * 4) + (4 * 2) + 8 + 8 + 8 + 8 + 1 + 4 + 1 + 4;
    private const int DayBytesV1 = 1 + 4 + 4;
    private const int EntryBytesV1 = 8 + 8 + 8 + 4 + 4 + 4 + 4;

    /// <summary>
    /// Version 1, little-endian: newest event, clock, last evicted, last evicted located (int64 ticks, MinValue = none),
    /// its latitude and longitude (float32); Welford count (int64), mean, M2 (float64); category mask (uint64);
    /// device count (uint8) and hashes (uint64, newest first); newest day (int32), held-day count (uint8) and per day
    /// (days back uint8, count int32, sum float32); retained count (int32) and per transaction in event-time order
    /// (ticks int64, id hash uint64, running amount total float64, amount float32, location key uint32, latitude, longitude float32).
    /// </summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var heldDays = 0;
        for (var back = 0; back < DailyTotals.Length; back++)
        {
            if (_newestDay != NoDay && _days[(_newestDay - back) & (DailyTotals.Length - 1)].Count != 0)
            {
                heldDays++;
            }
        }

        var size = FixedBytesV1 + (_deviceCount * 8) + (heldDays * DayBytesV1) + (_count * EntryBytesV1);
        var span = writer.GetSpan(size)[..size];
        var at = 0;
        Put(span, ref at, _newestEventTicks);
        Put(span, ref at, _clockTicks);
        Put(span, ref at, _lastEvictedTicks);
        Put(span, ref at, _lastEvictedLocatedTicks);
        PutSingle(span, ref at, _lastEvictedLatitude);
        PutSingle(span, ref at, _lastEvictedLongitude);
        Put(span, ref at, _amountCount);
        PutDouble(span, ref at, _amountMean);
        PutDouble(span, ref at, _amountM2);
        Put(span, ref at, (long)_categoriesSeen);
        span[at++] = (byte)_deviceCount;
        for (var i = 0; i < _deviceCount; i++)
        {
            Put(span, ref at, (long)_devices[i]);
        }

        PutInt32(span, ref at, _newestDay);
        span[at++] = (byte)heldDays;
        for (var back = 0; back < DailyTotals.Length && _newestDay != NoDay; back++)
        {
            ref readonly var total = ref _days[(_newestDay - back) & (DailyTotals.Length - 1)];
            if (total.Count != 0)
            {
                span[at++] = (byte)back;
                PutInt32(span, ref at, total.Count);
                PutSingle(span, ref at, total.AmountSum);
            }
        }

        PutInt32(span, ref at, _count);
        for (var i = 0; i < _count; i++)
        {
            ref readonly var entry = ref At(i);
            Put(span, ref at, entry.UtcTicks);
            Put(span, ref at, (long)_idHashes[(_head + i) & (_idHashes.Length - 1)]);
            PutDouble(span, ref at, entry.RunningTotal);
            PutSingle(span, ref at, entry.Amount);
            PutInt32(span, ref at, (int)entry.LocationKey);
            PutSingle(span, ref at, entry.Latitude);
            PutSingle(span, ref at, entry.Longitude);
        }

        writer.Advance(size);
    }

    /// <summary>Restores a card written by this or an older build.</summary>
    /// <exception cref="NotSupportedException">The version is newer than this build (or unknown).</exception>
    /// <exception cref="InvalidDataException">The bytes are truncated or inconsistent.</exception>
    public static CardBehaviour ReadFrom(ReadOnlySpan<byte> snapshot, int schemaVersion, CardBehaviourOptions? options = null) =>
        schemaVersion switch
        {
            1 => ReadVersion1(snapshot, options),
            _ => throw new NotSupportedException(
                $"Card snapshot schema version {schemaVersion} is not supported; this build reads versions 1 to {SchemaVersion}."),
        };

    private static CardBehaviour ReadVersion1(ReadOnlySpan<byte> snapshot, CardBehaviourOptions? options)
    {
        var card = new CardBehaviour(options);
        var reader = new SnapshotReader(snapshot);
        card._newestEventTicks = reader.ReadInt64();
        card._clockTicks = reader.ReadInt64();
        card._lastEvictedTicks = reader.ReadInt64();
        card._lastEvictedLocatedTicks = reader.ReadInt64();
        card._lastEvictedLatitude = reader.ReadSingle();
        card._lastEvictedLongitude = reader.ReadSingle();
        card._amountCount = reader.ReadInt64();
        card._amountMean = reader.ReadDouble();
        card._amountM2 = reader.ReadDouble();
        card._categoriesSeen = reader.ReadUInt64();

        var devices = reader.ReadByte();
        Require(devices <= RecentDevices.Length, "device count");
        for (var i = 0; i < devices; i++)
        {
            card._devices[i] = reader.ReadUInt64();
        }

        card._deviceCount = devices;
        card._newestDay = reader.ReadInt32();
        var heldDays = reader.ReadByte();
        Require(heldDays <= DailyTotals.Length && (heldDays == 0 || card._newestDay != NoDay), "day count");
        for (var i = 0; i < heldDays; i++)
        {
            var back = reader.ReadByte();
            Require(back < DailyTotals.Length, "day offset");
            ref var total = ref card._days[(card._newestDay - back) & (DailyTotals.Length - 1)];
            total.Count = reader.ReadInt32();
            total.AmountSum = reader.ReadSingle();
        }

        var count = reader.ReadInt32();
        Require(count >= 0 && (long)count * EntryBytesV1 <= snapshot.Length, "retained count");
        if (count > 0)
        {
            var capacity = Math.Max(InitialCapacity, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count));
            card._entries = new RetainedTransaction[capacity];
            card._idHashes = new ulong[capacity];
        }

        var previous = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            var ticks = reader.ReadInt64();
            card._idHashes[i] = reader.ReadUInt64();
            var entry = new RetainedTransaction(ticks, reader.ReadDouble(), reader.ReadSingle(), reader.ReadUInt32(), reader.ReadSingle(), reader.ReadSingle());
            Require(entry.UtcTicks >= previous, "transaction order");
            previous = entry.UtcTicks;
            card._entries[i] = entry;
        }

        card._count = count;
        Require(reader.AtEnd, "length");

        // A smaller cap configured since the snapshot was taken applies at once.
        while (card._count > card._maxRetained)
        {
            card.DropOldest();
        }

        return card;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException($"Card snapshot is corrupt: invalid {what}.");
        }
    }

    private static void Put(Span<byte> span, ref int at, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], value);
        at += 8;
    }

    private static void PutInt32(Span<byte> span, ref int at, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], value);
        at += 4;
    }

    private static void PutSingle(Span<byte> span, ref int at, float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(span[at..], value);
        at += 4;
    }

    private static void PutDouble(Span<byte> span, ref int at, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(span[at..], value);
        at += 8;
    }
}
