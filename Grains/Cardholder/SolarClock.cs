namespace FraudActors.Grains.Cardholder;

/// <summary>
/// Local time without a time-zone database: UTC shifted by the solar zone of the longitude,
/// round(longitude / 15) hours (half away from zero), or UTC when the transaction has no location.
/// Good to about an hour, which is what an hour-of-day feature needs, and identical in every process.
/// </summary>
internal static class SolarClock
{
    public static long LocalTicks(long utcTicks, float longitude)
    {
        if (float.IsNaN(longitude))
        {
            return utcTicks;
        }

        var offsetHours = (long)Math.Round(longitude / 15.0, MidpointRounding.AwayFromZero);
        return utcTicks + (offsetHours * TimeSpan.TicksPerHour);
    }

    public static int HourOfDay(long localTicks) => (int)(localTicks / TimeSpan.TicksPerHour % 24);

    /// <summary>Saturday or Sunday; day 0 of the tick calendar (0001-01-01) was a Monday.</summary>
    public static bool IsWeekend(long localTicks)
    {
        var dayOfWeekFromMonday = localTicks / TimeSpan.TicksPerDay % 7;
        return dayOfWeekFromMonday >= 5;
    }
}
