namespace FraudActors.Grains.Cardholder;

/// <summary>
/// A 32-bit key for "where" a transaction happened, used to count distinct cities. A named city wins
/// (case-insensitive); without a name a 0.1° latitude/longitude grid cell stands in; 0 means unknown.
/// Grid keys are exact (below 2^23) and city keys have the top bit set, so the two kinds never collide;
/// two different city names collide with probability 2^-31.
/// </summary>
internal static class LocationKey
{
    public const uint None = 0;
    private const uint CityTag = 0x8000_0000;
    private const int LongitudeCells = 3601; // floor(lon * 10) in [-1800, 1800]; latitude cells in [-900, 900]

    public static uint FromCity(ReadOnlySpan<char> city)
    {
        var hash = StableHash.OfIgnoreCase(city);
        return CityTag | (uint)((hash ^ (hash >> 31) ^ (hash >> 62)) & 0x7FFF_FFFF);
    }

    public static uint FromCoordinates(float latitude, float longitude)
    {
        var latCell = Math.Clamp((int)Math.Floor(latitude * 10.0), -900, 900) + 900;
        var lonCell = Math.Clamp((int)Math.Floor(longitude * 10.0), -1800, 1800) + 1800;
        return 1 + (uint)((latCell * LongitudeCells) + lonCell);
    }

    /// <summary>The key of a transaction: city if named, else the grid cell if located, else <see cref="None"/>.</summary>
    public static uint Of(ReadOnlySpan<char> city, float latitude, float longitude)
    {
        if (!city.IsEmpty)
        {
            return FromCity(city);
        }

        return float.IsNaN(latitude) || float.IsNaN(longitude) ? None : FromCoordinates(latitude, longitude);
    }
}
