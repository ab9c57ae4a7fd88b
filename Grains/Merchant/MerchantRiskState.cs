using System.Buffers;
using System.Buffers.Binary;
using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Grains.Merchant;

/// <summary>
/// One merchant's (terminal's) transaction and confirmed-fraud counts per UTC day, kept for the 30-day
/// window plus the label delay. Features for a transaction on day d use days [d − delay − w, d − delay):
/// a fraud label is only used once it would really be known. Memory is fixed: one bucket per retained
/// day plus the ids of fraud-labelled transactions still inside the horizon (to ignore repeated labels).
/// </summary>
internal sealed class MerchantRiskState
{
    internal const int SchemaVersion = 1;
    private const int LongestWindowDays = 30;

    private readonly int _labelDelayDays;
    private readonly DayBucket[] _buckets;
    private readonly Dictionary<ulong, int> _fraudLabelDays = [];

    public MerchantRiskState(int labelDelayDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(labelDelayDays);
        _labelDelayDays = labelDelayDays;
        _buckets = new DayBucket[LongestWindowDays + labelDelayDays + 1];
    }

    public int LabelDelayDays => _labelDelayDays;

    /// <summary>Counts a transaction at the merchant.</summary>
    public void RecordTransaction(DateTimeOffset time)
    {
        if (TryClaimBucket(DayNumber(time), out var slot))
        {
            _buckets[slot].Transactions++;
        }
    }

    /// <summary>Counts a confirmed fraud; repeated labels for the same transaction count once. Genuine labels change nothing.</summary>
    /// <returns>False when the label was ignored (genuine, repeated, or older than the retained horizon).</returns>
    public bool RecordFraudLabel(ulong transactionIdHash, DateTimeOffset transactionTime)
    {
        var day = DayNumber(transactionTime);
        if (_fraudLabelDays.ContainsKey(transactionIdHash) || !TryClaimBucket(day, out var slot))
        {
            return false;
        }

        _fraudLabelDays.Add(transactionIdHash, day);
        _buckets[slot].Frauds++;
        return true;
    }

    /// <summary>The merchant's risk as seen by a transaction at <paramref name="time"/>.</summary>
    public MerchantFeatures FeaturesAt(DateTimeOffset time)
    {
        var end = DayNumber(time) - _labelDelayDays; // exclusive
        var (count1, frauds1) = Sum(end - 1, end);
        var (count7, frauds7) = Sum(end - 7, end);
        var (count30, frauds30) = Sum(end - LongestWindowDays, end);
        return new MerchantFeatures
        {
            TxCount1d = count1,
            TxCount7d = count7,
            TxCount30d = count30,
            Risk1d = count1 == 0 ? 0f : (float)frauds1 / count1,
            Risk7d = count7 == 0 ? 0f : (float)frauds7 / count7,
            Risk30d = count30 == 0 ? 0f : (float)frauds30 / count30,
        };
    }

    /// <summary>Forgets fraud ids whose day has left the horizon (called from a timer; bounded work).</summary>
    public void Evict(DateTimeOffset now)
    {
        var oldest = DayNumber(now) - _buckets.Length + 1;
        List<ulong>? expired = null;
        foreach (var (id, day) in _fraudLabelDays)
        {
            if (day < oldest)
            {
                (expired ??= []).Add(id);
            }
        }

        if (expired is not null)
        {
            foreach (var id in expired)
            {
                _fraudLabelDays.Remove(id);
            }
        }
    }

    private (int Count, int Frauds) Sum(int fromDay, int toDayExclusive)
    {
        int count = 0, frauds = 0;
        for (var day = fromDay; day < toDayExclusive; day++)
        {
            var bucket = _buckets[Slot(day)];
            if (bucket.Day == day && bucket.Transactions + bucket.Frauds > 0)
            {
                count += bucket.Transactions;
                frauds += bucket.Frauds;
            }
        }

        return (count, frauds);
    }

    /// <summary>Finds the bucket of <paramref name="day"/>, recycling a stale one; false when the day is older than the horizon.</summary>
    private bool TryClaimBucket(int day, out int slot)
    {
        slot = Slot(day);
        ref var bucket = ref _buckets[slot];
        if (bucket.Day == day)
        {
            return true;
        }

        if (bucket.Day > day && (bucket.Transactions | bucket.Frauds) != 0)
        {
            return false;
        }

        bucket = new DayBucket { Day = day };
        return true;
    }

    private int Slot(int day) => (int)((uint)day % (uint)_buckets.Length);

    private static int DayNumber(DateTimeOffset time) => (int)(time.UtcTicks / TimeSpan.TicksPerDay);

    private struct DayBucket
    {
        public int Day;
        public int Transactions;
        public int Frauds;
    }

    /// <summary>Version 1: delay, bucket count, buckets (day, transactions, frauds), fraud ids (hash, day); little-endian.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        var size = 8 + (_buckets.Length * 12) + 4 + (_fraudLabelDays.Count * 12);
        var span = writer.GetSpan(size);
        BinaryPrimitives.WriteInt32LittleEndian(span, _labelDelayDays);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], _buckets.Length);
        var offset = 8;
        foreach (var bucket in _buckets)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[offset..], bucket.Day);
            BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 4)..], bucket.Transactions);
            BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 8)..], bucket.Frauds);
            offset += 12;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], _fraudLabelDays.Count);
        offset += 4;
        foreach (var (id, day) in _fraudLabelDays)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], id);
            BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 8)..], day);
            offset += 12;
        }

        writer.Advance(offset);
    }

    public static MerchantRiskState ReadFrom(ReadOnlySpan<byte> payload, int schemaVersion)
    {
        if (schemaVersion != SchemaVersion)
        {
            throw new InvalidDataException($"Merchant snapshot version {schemaVersion} is newer than this build understands ({SchemaVersion}).");
        }

        var state = new MerchantRiskState(BinaryPrimitives.ReadInt32LittleEndian(payload));
        var buckets = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        if (buckets != state._buckets.Length)
        {
            throw new InvalidDataException($"Merchant snapshot holds {buckets} day buckets; expected {state._buckets.Length}.");
        }

        var offset = 8;
        for (var i = 0; i < buckets; i++)
        {
            state._buckets[i] = new DayBucket
            {
                Day = BinaryPrimitives.ReadInt32LittleEndian(payload[offset..]),
                Transactions = BinaryPrimitives.ReadInt32LittleEndian(payload[(offset + 4)..]),
                Frauds = BinaryPrimitives.ReadInt32LittleEndian(payload[(offset + 8)..]),
            };
            offset += 12;
        }

        var ids = BinaryPrimitives.ReadInt32LittleEndian(payload[offset..]);
        offset += 4;
        for (var i = 0; i < ids; i++)
        {
            state._fraudLabelDays[BinaryPrimitives.ReadUInt64LittleEndian(payload[offset..])] = BinaryPrimitives.ReadInt32LittleEndian(payload[(offset + 8)..]);
            offset += 12;
        }

        return state;
    }
}
