using System.Numerics;
using System.Runtime.CompilerServices;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Grains.Cardholder;

/// <summary>
/// One card's behaviour state and the features it yields, shared by the cardholder grain (serving) and the
/// trainer (replay), so the two cannot disagree. Pure and single-threaded: no clock, no I/O, no locks.
/// <para>
/// Windows are event-time and exact. Applied transactions inside the retention horizon (newest event time
/// − allowed lateness − 24 h) are kept sorted by event time in a ring; older history survives as per-day
/// totals (32 days), running amount statistics, a seen-category mask and the last 8 devices. The precise
/// feature definitions are in the README ("Cardholder features").
/// </para>
/// </summary>
internal sealed partial class CardBehaviour
{
    /// <summary>Version written by <see cref="WriteTo"/>; <see cref="ReadFrom"/> reads this and every older one.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Floor of the amount standard deviation in the z-score, in currency units (avoids blow-ups on constant spenders).</summary>
    public const double AmountStdDevFloor = 1.0;

    /// <summary>Floor of the elapsed time in the speed feature (two located transactions at the same instant).</summary>
    public const long MinimumTravelTicks = TimeSpan.TicksPerSecond;

    private const long NoTime = long.MinValue;
    private const int NoDay = int.MinValue;
    private const int InitialCapacity = 4;
    private const long Ticks10m = 10 * TimeSpan.TicksPerMinute;
    private const long Ticks1h = TimeSpan.TicksPerHour;
    private const long Ticks24h = TimeSpan.TicksPerDay;

    private readonly long _latenessTicks;
    private readonly int _maxRetained;

    // Ring of retained transactions sorted by event time (ties in arrival order); capacity is a power of two.
    private RetainedTransaction[] _entries = [];
    private ulong[] _idHashes = [];
    private int _head;
    private int _count;

    private long _newestEventTicks = NoTime;
    private long _clockTicks = NoTime; // max(newest event time, latest Evict(now)): the watermark's base
    private long _lastEvictedTicks = NoTime;
    private long _lastEvictedLocatedTicks = NoTime;
    private float _lastEvictedLatitude;
    private float _lastEvictedLongitude;

    private long _amountCount;
    private double _amountMean;
    private double _amountM2;

    private ulong _categoriesSeen;
    private int _deviceCount;
    private RecentDevices _devices;

    private int _newestDay = NoDay;
    private DailyTotals _days;

    public CardBehaviour(CardBehaviourOptions? options = null)
    {
        options = (options ?? CardBehaviourOptions.Default).Validate();
        _latenessTicks = options.AllowedLateness.Ticks;
        _maxRetained = options.MaxRetainedTransactions;
    }

    /// <summary>Transactions currently held for the 24 h windows.</summary>
    public int RetainedCount => _count;

    /// <summary>Slots allocated for them (shrinks on <see cref="Evict"/> when the card goes quiet).</summary>
    public int RetainedCapacity => _entries.Length;

    /// <summary>Transactions applied over the card's whole life (duplicates and too-late ones excluded).</summary>
    public long AppliedCount => _amountCount;

    public DateTimeOffset? NewestEventTime => _newestEventTicks == NoTime ? null : new DateTimeOffset(_newestEventTicks, TimeSpan.Zero);

    /// <summary>Transactions older than this are too late; null before the first transaction.</summary>
    public DateTimeOffset? Watermark => _clockTicks == NoTime ? null : new DateTimeOffset(_clockTicks - _latenessTicks, TimeSpan.Zero);

    public ApplyResult Apply(CardTransaction transaction) => Apply(CardEvent.From(transaction));

    /// <summary>
    /// Computes the features of <paramref name="transaction"/> over the card's history up to and including it,
    /// then applies it unless it is a duplicate or too late.
    /// </summary>
    public ApplyResult Apply(in CardEvent transaction)
    {
        if (ContainsId(transaction.IdHash))
        {
            return new ApplyResult(default, ApplyOutcome.Duplicate);
        }

        var time = transaction.UtcTicks;
        var tooLate = false;
        if (_clockTicks != NoTime && time < _clockTicks - _latenessTicks)
        {
            tooLate = true;
            time = _clockTicks - _latenessTicks; // its windows would reach into evicted history: score it at the watermark
        }

        var position = UpperBound(time);
        var features = Compute(transaction, time, position);
        if (tooLate)
        {
            return new ApplyResult(features, ApplyOutcome.TooLate);
        }

        if (time > _clockTicks)
        {
            // Evict before inserting so a card at a steady rate does not grow its ring by one slot.
            _clockTicks = time;
            position -= EvictExpired(); // every evicted entry is older than this transaction
        }

        Insert(transaction, position);
        return new ApplyResult(features, ApplyOutcome.Applied);
    }

    /// <summary>
    /// Advances the card's clock to <paramref name="now"/> (which must be on the event-time clock; in serving the
    /// wall clock when consumers keep up) and drops what no in-time transaction can see any more.
    /// Transactions older than <paramref name="now"/> − allowed lateness are too late afterwards.
    /// </summary>
    /// <returns>How many retained transactions were dropped.</returns>
    public int Evict(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        if (ticks > _clockTicks)
        {
            _clockTicks = ticks;
        }

        var evicted = EvictExpired();
        if (_count == 0)
        {
            _entries = [];
            _idHashes = [];
            _head = 0;
        }
        else if (_entries.Length > InitialCapacity * 2 && _count <= _entries.Length / 4)
        {
            Resize(Math.Max(InitialCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)_count * 2)));
        }

        return evicted;
    }

    [SkipLocalsInit]
    private CardFeatures Compute(in CardEvent tx, long time, int position)
    {
        // Entries [0, position) are at or before `time`; each window is a suffix of them found by binary search.
        var from24h = LowerIndex(time - Ticks24h, 0, position);
        var from1h = LowerIndex(time - Ticks1h, from24h, position);
        var from10m = LowerIndex(time - Ticks10m, from1h, position);
        var count10m = 1 + position - from10m;
        var count1h = 1 + position - from1h;
        var count24h = 1 + position - from24h;
        var sum10m = tx.Amount + RangeSum(from10m, position);
        var sum24h = tx.Amount + RangeSum(from24h, position);

        var entries = _entries;
        var mask = entries.Length - 1;
        var head = _head;
        Span<uint> places = stackalloc uint[count1h];
        var placeCount = 0;
        if (tx.LocationKey != LocationKey.None)
        {
            places[placeCount++] = tx.LocationKey;
        }

        for (var i = from1h; i < position; i++)
        {
            var key = entries[(head + i) & mask].LocationKey;
            if (key != LocationKey.None)
            {
                places[placeCount++] = key;
            }
        }

        var previousTicks = position > 0 ? entries[(head + position - 1) & mask].UtcTicks : NoTime;
        var previousLocatedTicks = NoTime;
        float previousLatitude = 0, previousLongitude = 0;
        if (tx.HasLocation)
        {
            for (var i = position - 1; i >= 0; i--)
            {
                ref readonly var entry = ref entries[(head + i) & mask];
                if (entry.HasLocation)
                {
                    previousLocatedTicks = entry.UtcTicks;
                    previousLatitude = entry.Latitude;
                    previousLongitude = entry.Longitude;
                    break;
                }
            }

            if (previousLocatedTicks == NoTime && _lastEvictedLocatedTicks != NoTime && _lastEvictedLocatedTicks <= time)
            {
                previousLocatedTicks = _lastEvictedLocatedTicks;
                previousLatitude = _lastEvictedLatitude;
                previousLongitude = _lastEvictedLongitude;
            }
        }

        if (previousTicks == NoTime && _lastEvictedTicks != NoTime && _lastEvictedTicks <= time)
        {
            previousTicks = _lastEvictedTicks;
        }

        var (count7d, sum7d, count30d, sum30d) = DailyWindows(tx.Amount, time, position);

        var speed = float.NaN;
        if (tx.HasLocation && previousLocatedTicks != NoTime)
        {
            var km = GreatCircle.DistanceKm(previousLatitude, previousLongitude, tx.Latitude, tx.Longitude);
            var hours = (double)Math.Max(time - previousLocatedTicks, MinimumTravelTicks) / TimeSpan.TicksPerHour;
            speed = (float)(km / hours);
        }

        var zScore = 0.0;
        if (_amountCount >= 2)
        {
            var stdDev = Math.Sqrt(_amountM2 / (_amountCount - 1));
            zScore = (tx.Amount - _amountMean) / Math.Max(stdDev, AmountStdDevFloor);
        }

        var localTicks = SolarClock.LocalTicks(tx.UtcTicks, tx.Longitude);
        return new CardFeatures
        {
            Amount = tx.Amount,
            IsOnline = tx.IsOnline ? 1f : 0f,
            TxCount10m = count10m,
            TxCount1h = count1h,
            TxCount24h = count24h,
            AmountSum10m = (float)sum10m,
            AmountMean24h = (float)(sum24h / count24h),
            TxCount7d = count7d,
            AmountMean7d = (float)(sum7d / count7d),
            TxCount30d = count30d,
            AmountMean30d = (float)(sum30d / count30d),
            AmountZScore = (float)zScore,
            DistinctCities1h = CountDistinct(places[..placeCount]),
            SecondsSincePrevious = previousTicks == NoTime ? float.NaN : (float)((double)(time - previousTicks) / TimeSpan.TicksPerSecond),
            SpeedKmh = speed,
            NewMerchantCategory = (_categoriesSeen & (1UL << tx.CategoryIndex)) == 0 ? 1f : 0f,
            NewDevice = tx.HasDevice ? (KnowsDevice(tx.DeviceHash) ? 0f : 1f) : float.NaN,
            HourOfDay = SolarClock.HourOfDay(localTicks),
            IsWeekend = SolarClock.IsWeekend(localTicks) ? 1f : 0f,
            MerchantCategoryRisk = MerchantCategories.RiskPrior(tx.CategoryIndex),
        };
    }

    /// <summary>
    /// Calendar-day windows ending on the day of <paramref name="time"/>, counting only transactions at or before
    /// it: whole days from the totals, minus the retained transactions later than <paramref name="time"/> on its day.
    /// </summary>
    private (int Count7d, double Sum7d, int Count30d, double Sum30d) DailyWindows(float amount, long time, int position)
    {
        var day = DayOf(time);
        int count7d = 1, count30d = 1;
        double sum7d = amount, sum30d = amount;
        for (var back = 0; back < 30; back++)
        {
            var d = day - back;
            if (!HoldsDay(d))
            {
                continue;
            }

            ref readonly var total = ref _days[d & (DailyTotals.Length - 1)];
            count30d += total.Count;
            sum30d += total.AmountSum;
            if (back < 7)
            {
                count7d += total.Count;
                sum7d += total.AmountSum;
            }
        }

        for (var i = position; i < _count; i++)
        {
            ref readonly var later = ref At(i);
            if (DayOf(later.UtcTicks) != day)
            {
                break;
            }

            count7d--;
            count30d--;
            sum7d -= later.Amount;
            sum30d -= later.Amount;
        }

        return (count7d, sum7d, count30d, sum30d);
    }

    private void Insert(in CardEvent tx, int position)
    {
        if (_count >= _maxRetained)
        {
            DropOldest();
            position = Math.Max(0, position - 1);
        }

        if (_count == _entries.Length)
        {
            Resize(_entries.Length == 0 ? InitialCapacity : _entries.Length * 2);
        }

        var mask = _entries.Length - 1;
        var runningBefore = position > 0
            ? _entries[(_head + position - 1) & mask].RunningTotal
            : _count > 0 ? _entries[_head].RunningTotal - _entries[_head].Amount : 0.0;
        for (var i = _count; i > position; i--)
        {
            var moved = _entries[(_head + i - 1) & mask];
            _entries[(_head + i) & mask] = moved with { RunningTotal = moved.RunningTotal + tx.Amount };
            _idHashes[(_head + i) & mask] = _idHashes[(_head + i - 1) & mask];
        }

        _entries[(_head + position) & mask] = new RetainedTransaction(
            tx.UtcTicks, runningBefore + tx.Amount, tx.Amount, tx.LocationKey, tx.Latitude, tx.Longitude);
        _idHashes[(_head + position) & mask] = tx.IdHash;
        _count++;

        if (tx.UtcTicks > _newestEventTicks)
        {
            _newestEventTicks = tx.UtcTicks;
        }

        AddToDay(DayOf(tx.UtcTicks), tx.Amount);

        // Welford's running mean and sum of squared deviations, in arrival order.
        _amountCount++;
        var delta = tx.Amount - _amountMean;
        _amountMean += delta / _amountCount;
        _amountM2 += delta * (tx.Amount - _amountMean);

        _categoriesSeen |= 1UL << tx.CategoryIndex;
        if (tx.HasDevice)
        {
            RememberDevice(tx.DeviceHash);
        }
    }

    private void AddToDay(int day, float amount)
    {
        if (day > _newestDay)
        {
            // Clear the slots of the days the ring moves over (all of them after a long silence).
            var first = _newestDay == NoDay ? day - DailyTotals.Length + 1 : Math.Max(_newestDay + 1, day - DailyTotals.Length + 1);
            for (var d = first; d <= day; d++)
            {
                _days[d & (DailyTotals.Length - 1)] = default;
            }

            _newestDay = day;
        }

        ref var total = ref _days[day & (DailyTotals.Length - 1)];
        total.Count++;
        total.AmountSum += amount;
    }

    private bool HoldsDay(int day) => _newestDay != NoDay && day <= _newestDay && day > _newestDay - DailyTotals.Length;

    private void RememberDevice(ulong device)
    {
        var found = _deviceCount;
        for (var i = 0; i < _deviceCount; i++)
        {
            if (_devices[i] == device)
            {
                found = i;
                break;
            }
        }

        if (found == _deviceCount && _deviceCount < RecentDevices.Length)
        {
            _deviceCount++;
        }

        // Move to the front; a new device pushes out the least recently used one.
        for (var i = Math.Min(found, RecentDevices.Length - 1); i > 0; i--)
        {
            _devices[i] = _devices[i - 1];
        }

        _devices[0] = device;
    }

    private bool KnowsDevice(ulong device)
    {
        for (var i = 0; i < _deviceCount; i++)
        {
            if (_devices[i] == device)
            {
                return true;
            }
        }

        return false;
    }

    private bool ContainsId(ulong idHash)
    {
        if (_count == 0)
        {
            return false;
        }

        // The ring is at most two contiguous runs; each is one vectorised search.
        var firstRun = Math.Min(_count, _idHashes.Length - _head);
        return _idHashes.AsSpan(_head, firstRun).Contains(idHash) || _idHashes.AsSpan(0, _count - firstRun).Contains(idHash);
    }

    /// <summary>First index in [<paramref name="low"/>, <paramref name="high"/>) whose event time is after <paramref name="after"/>, else <paramref name="high"/>.</summary>
    private int LowerIndex(long after, int low, int high)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        var head = _head;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (entries[(head + middle) & mask].UtcTicks > after)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>Sum of the amounts of entries [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private double RangeSum(int from, int to)
    {
        if (to <= from)
        {
            return 0.0;
        }

        ref readonly var first = ref At(from);
        var before = from > 0 ? At(from - 1).RunningTotal : first.RunningTotal - first.Amount;
        return At(to - 1).RunningTotal - before;
    }

    /// <summary>Number of retained transactions with event time ≤ <paramref name="time"/>; usually all of them.</summary>
    private int UpperBound(long time)
    {
        var i = _count;
        while (i > 0 && At(i - 1).UtcTicks > time)
        {
            i--;
        }

        return i;
    }

    private int EvictExpired()
    {
        if (_clockTicks == NoTime)
        {
            return 0;
        }

        var horizon = _clockTicks - _latenessTicks - Ticks24h;
        var evicted = 0;
        while (_count > 0 && At(0).UtcTicks <= horizon)
        {
            DropOldest();
            evicted++;
        }

        return evicted;
    }

    private void DropOldest()
    {
        ref readonly var oldest = ref At(0);
        if (oldest.UtcTicks >= _lastEvictedTicks)
        {
            _lastEvictedTicks = oldest.UtcTicks;
        }

        if (oldest.HasLocation && oldest.UtcTicks >= _lastEvictedLocatedTicks)
        {
            _lastEvictedLocatedTicks = oldest.UtcTicks;
            _lastEvictedLatitude = oldest.Latitude;
            _lastEvictedLongitude = oldest.Longitude;
        }

        _head = (_head + 1) & (_entries.Length - 1);
        _count--;
    }

    private void Resize(int capacity)
    {
        var resized = new RetainedTransaction[capacity];
        var resizedIds = new ulong[capacity];
        for (var i = 0; i < _count; i++)
        {
            resized[i] = At(i);
            resizedIds[i] = _idHashes[(_head + i) & (_idHashes.Length - 1)];
        }

        _entries = resized;
        _idHashes = resizedIds;
        _head = 0;
    }

    private ref RetainedTransaction At(int index) => ref _entries[(_head + index) & (_entries.Length - 1)];

    private static int DayOf(long ticks) => (int)(ticks / TimeSpan.TicksPerDay);

    /// <summary>Distinct non-zero keys; sorts in place when there are more than a few.</summary>
    private static int CountDistinct(Span<uint> keys)
    {
        if (keys.Length <= 1)
        {
            return keys.Length;
        }

        var distinct = 0;
        if (keys.Length <= 16)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[..i].IndexOf(keys[i]) < 0)
                {
                    distinct++;
                }
            }

            return distinct;
        }

        keys.Sort();
        distinct = 1;
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i] != keys[i - 1])
            {
                distinct++;
            }
        }

        return distinct;
    }
}
