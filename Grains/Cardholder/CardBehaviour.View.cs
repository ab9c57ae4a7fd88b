using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Grains.Cardholder;

internal sealed partial class CardBehaviour
{
    /// <summary>The card's windows as of <paramref name="asOf"/> plus its newest <paramref name="maxRecent"/> transactions.</summary>
    public CardWindowView Describe(DateTimeOffset asOf, int maxRecent = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRecent);
        var time = asOf.UtcTicks;
        var position = UpperBound(time);
        int count10m = 0, count1h = 0, count24h = 0;
        double sum10m = 0, sum1h = 0, sum24h = 0;
        var places = new HashSet<uint>();
        for (var i = position - 1; i >= 0 && At(i).UtcTicks > time - Ticks24h; i--)
        {
            var entry = At(i);
            count24h++;
            sum24h += entry.Amount;
            if (entry.UtcTicks > time - Ticks1h)
            {
                count1h++;
                sum1h += entry.Amount;
                if (entry.LocationKey != LocationKey.None)
                {
                    places.Add(entry.LocationKey);
                }

                if (entry.UtcTicks > time - Ticks10m)
                {
                    count10m++;
                    sum10m += entry.Amount;
                }
            }
        }

        // DailyWindows counts the transaction being scored; a view has none, so take it out again.
        var (count7d, sum7d, count30d, sum30d) = DailyWindows(0f, time, position);

        var categories = new List<string>();
        for (var c = 0; c < MerchantCategories.Count; c++)
        {
            if ((_categoriesSeen & (1UL << c)) != 0)
            {
                categories.Add(MerchantCategories.Names[c]);
            }
        }

        var recent = new List<RecentTransaction>(Math.Min(maxRecent, _count));
        for (var i = _count - 1; i >= 0 && recent.Count < maxRecent; i--)
        {
            var entry = At(i);
            recent.Add(new RecentTransaction(
                new DateTimeOffset(entry.UtcTicks, TimeSpan.Zero),
                _idHashes[(_head + i) & (_idHashes.Length - 1)],
                entry.Amount,
                entry.LocationKey,
                entry.HasLocation ? entry.Latitude : null,
                entry.HasLocation ? entry.Longitude : null));
        }

        return new CardWindowView
        {
            AsOf = asOf,
            TxCount10m = count10m,
            AmountSum10m = sum10m,
            TxCount1h = count1h,
            AmountSum1h = sum1h,
            TxCount24h = count24h,
            AmountSum24h = sum24h,
            TxCount7d = count7d - 1,
            AmountSum7d = sum7d,
            TxCount30d = count30d - 1,
            AmountSum30d = sum30d,
            DistinctCities1h = places.Count,
            AppliedCount = _amountCount,
            AmountMean = _amountCount == 0 ? double.NaN : _amountMean,
            AmountStdDev = _amountCount < 2 ? double.NaN : Math.Sqrt(_amountM2 / (_amountCount - 1)),
            MerchantCategoriesSeen = categories,
            KnownDevices = _deviceCount,
            NewestEventTime = NewestEventTime,
            Watermark = Watermark,
            RetainedCount = _count,
            Recent = recent,
        };
    }
}
