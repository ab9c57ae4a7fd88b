using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Cardholder;

namespace FraudActors.Grains.Tests.Cardholder;

/// <summary>
/// The feature definitions written as plainly as possible: keeps every applied transaction (in arrival order)
/// and recomputes each feature from scratch with LINQ. Slow and obviously right; the fast state must agree.
/// </summary>
internal sealed class ReferenceCardHistory(TimeSpan allowedLateness)
{
    private const double EarthRadiusKm = 6371.0088;

    private readonly List<Applied> _applied = [];
    private long? _clock;

    public (ApplyOutcome Outcome, CardFeatures Features) Apply(CardTransaction tx)
    {
        var ticks = tx.Timestamp.UtcTicks;
        var lateness = allowedLateness.Ticks;
        if (_clock is { } clock && _applied.Any(a => a.Id == tx.TransactionId && a.Ticks > clock - lateness - TimeSpan.TicksPerDay))
        {
            return (ApplyOutcome.Duplicate, default);
        }

        var tooLate = _clock is { } c && ticks < c - lateness;
        var time = tooLate ? _clock!.Value - lateness : ticks;
        var self = Applied.From(tx);
        var features = Features(self, time);
        if (tooLate)
        {
            return (ApplyOutcome.TooLate, features);
        }

        _applied.Add(self);
        _clock = Math.Max(_clock ?? long.MinValue, ticks);
        return (ApplyOutcome.Applied, features);
    }

    public void Evict(DateTimeOffset now) => _clock = Math.Max(_clock ?? long.MinValue, now.UtcTicks);

    private CardFeatures Features(Applied self, long time)
    {
        var before = _applied.Where(a => a.Ticks <= time).ToList();

        (int Count, double Sum) Window(TimeSpan length)
        {
            var inside = before.Where(a => a.Ticks > time - length.Ticks).ToList();
            return (inside.Count + 1, inside.Sum(a => (double)a.Amount) + self.Amount);
        }

        (int Count, double Sum) Days(int days)
        {
            var day = time / TimeSpan.TicksPerDay;
            var inside = before.Where(a => a.Ticks / TimeSpan.TicksPerDay > day - days).ToList();
            return (inside.Count + 1, inside.Sum(a => (double)a.Amount) + self.Amount);
        }

        var (count10m, sum10m) = Window(TimeSpan.FromMinutes(10));
        var (count1h, _) = Window(TimeSpan.FromHours(1));
        var (count24h, sum24h) = Window(TimeSpan.FromHours(24));
        var (count7d, sum7d) = Days(7);
        var (count30d, sum30d) = Days(30);

        var zScore = 0.0;
        if (_applied.Count >= 2)
        {
            var mean = _applied.Average(a => (double)a.Amount);
            var variance = _applied.Sum(a => ((double)a.Amount - mean) * ((double)a.Amount - mean)) / (_applied.Count - 1);
            zScore = (self.Amount - mean) / Math.Max(Math.Sqrt(variance), 1.0);
        }

        var places = before.Where(a => a.Ticks > time - TimeSpan.TicksPerHour).Append(self)
            .Select(a => a.Place).Where(p => p is not null).Distinct(StringComparer.OrdinalIgnoreCase).Count();

        var previous = before.Count == 0 ? (long?)null : before.Max(a => a.Ticks);

        var speed = float.NaN;
        if (self.Latitude is { } lat && self.Longitude is { } lon)
        {
            var located = before.Where(a => a.Latitude.HasValue).ToList();
            if (located.Count > 0)
            {
                var latest = located.Max(a => a.Ticks);
                var from = located.Last(a => a.Ticks == latest); // ties: the later arrival
                var km = Haversine(from.Latitude!.Value, from.Longitude!.Value, lat, lon);
                var hours = Math.Max(time - from.Ticks, TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerHour;
                speed = (float)(km / hours);
            }
        }

        var recentDevices = new List<string>();
        for (var i = _applied.Count - 1; i >= 0 && recentDevices.Count < 8; i--)
        {
            if (_applied[i].Device is { } d && !recentDevices.Contains(d, StringComparer.Ordinal))
            {
                recentDevices.Add(d);
            }
        }

        var local = new DateTime(self.Ticks, DateTimeKind.Utc);
        if (self.Longitude is { } longitude)
        {
            local = local.AddHours(Math.Round(longitude / 15.0, MidpointRounding.AwayFromZero));
        }

        return new CardFeatures
        {
            Amount = self.Amount,
            IsOnline = self.Online ? 1 : 0,
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
            DistinctCities1h = places,
            SecondsSincePrevious = previous is { } p ? (float)((time - p) / (double)TimeSpan.TicksPerSecond) : float.NaN,
            SpeedKmh = speed,
            NewMerchantCategory = _applied.Any(a => a.Category == self.Category) ? 0 : 1,
            NewDevice = self.Device is null ? float.NaN : recentDevices.Contains(self.Device, StringComparer.Ordinal) ? 0 : 1,
            HourOfDay = local.Hour,
            IsWeekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1 : 0,
            MerchantCategoryRisk = MerchantCategories.RiskPrior(self.Category),
        };
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180.0;
        var h = Math.Pow(Math.Sin(Radians(lat2 - lat1) / 2), 2)
            + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(Radians(lon2 - lon1) / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>A transaction as the definitions see it: amount and coordinates at float32 precision.</summary>
    private sealed record Applied(
        string Id, long Ticks, float Amount, int Category, bool Online, string? Place, float? Latitude, float? Longitude, string? Device)
    {
        public static Applied From(CardTransaction tx)
        {
            MerchantCategories.TryGetIndex(tx.MerchantCategory, out var category).Should().BeTrue();
            float? lat = tx.Latitude is { } la && tx.Longitude.HasValue ? (float)la : null;
            float? lon = lat.HasValue ? (float)tx.Longitude!.Value : null;
            var place = tx.City is { } city
                ? "city|" + city
                : lat.HasValue ? $"cell|{Math.Floor(lat.Value * 10.0)}|{Math.Floor(lon!.Value * 10.0)}" : null;
            return new Applied(tx.TransactionId, tx.Timestamp.UtcTicks, (float)tx.Amount, category, tx.Channel == Channel.Online, place, lat, lon, tx.DeviceId);
        }
    }
}
