namespace FraudActors.Trainer.Simulation;

/// <summary>
/// The cities of the default scenario: mostly European (where the simulated cards are issued, weighted
/// roughly by population) plus far-away destinations for travel and for stolen-card use.
/// "Washington, D.C." is here on purpose: a name with a comma exercises CSV quoting.
/// </summary>
internal static class WorldCities
{
    public static IReadOnlyList<WorldCity> All { get; } =
    [
        new("Paris", "FR", 48.8566, 2.3522, 11),
        new("Lyon", "FR", 45.7640, 4.8357, 2.3),
        new("Marseille", "FR", 43.2965, 5.3698, 1.9),
        new("Toulouse", "FR", 43.6047, 1.4442, 1.4),
        new("Lille", "FR", 50.6292, 3.0573, 1.2),
        new("Berlin", "DE", 52.5200, 13.4050, 6),
        new("Hamburg", "DE", 53.5511, 9.9937, 3),
        new("Munich", "DE", 48.1351, 11.5820, 3),
        new("Cologne", "DE", 50.9375, 6.9603, 2),
        new("Frankfurt am Main", "DE", 50.1109, 8.6821, 2.3),
        new("London", "GB", 51.5074, -0.1278, 10),
        new("Manchester", "GB", 53.4808, -2.2426, 2.8),
        new("Birmingham", "GB", 52.4862, -1.8904, 2.6),
        new("Edinburgh", "GB", 55.9533, -3.1883, 0.9),
        new("Madrid", "ES", 40.4168, -3.7038, 6.7),
        new("Barcelona", "ES", 41.3874, 2.1686, 5.6),
        new("Valencia", "ES", 39.4699, -0.3763, 1.6),
        new("Seville", "ES", 37.3891, -5.9845, 1.3),
        new("Rome", "IT", 41.9028, 12.4964, 4.3),
        new("Milan", "IT", 45.4642, 9.1900, 4.3),
        new("Naples", "IT", 40.8518, 14.2681, 3),
        new("Turin", "IT", 45.0703, 7.6869, 1.7),
        new("Amsterdam", "NL", 52.3676, 4.9041, 2.5),
        new("Rotterdam", "NL", 51.9244, 4.4777, 1.8),
        new("Brussels", "BE", 50.8503, 4.3517, 2.1),
        new("Antwerp", "BE", 51.2194, 4.4025, 1.1),
        new("Lisbon", "PT", 38.7223, -9.1393, 2.9),
        new("Porto", "PT", 41.1579, -8.6291, 1.7),
        new("Warsaw", "PL", 52.2297, 21.0122, 3.1),
        new("Kraków", "PL", 50.0647, 19.9450, 1.4),
        new("Stockholm", "SE", 59.3293, 18.0686, 2.4),
        new("Vienna", "AT", 48.2082, 16.3738, 2.9),
        new("Zurich", "CH", 47.3769, 8.5417, 1.4),
        new("Geneva", "CH", 46.2044, 6.1432, 0.6),
        new("Dublin", "IE", 53.3498, -6.2603, 1.9),
        new("Prague", "CZ", 50.0755, 14.4378, 2.2),
        new("Copenhagen", "DK", 55.6761, 12.5683, 2.1),
        new("Oslo", "NO", 59.9139, 10.7522, 1.6),
        new("Helsinki", "FI", 60.1699, 24.9384, 1.5),
        new("Athens", "GR", 37.9838, 23.7275, 3.2),
        new("Budapest", "HU", 47.4979, 19.0402, 3),
        new("Bucharest", "RO", 44.4268, 26.1025, 2.3),
        new("Istanbul", "TR", 41.0082, 28.9784, 0.5),
        new("New York", "US", 40.7128, -74.0060, 0.3),
        new("Washington, D.C.", "US", 38.9072, -77.0369, 0.1),
        new("Los Angeles", "US", 34.0522, -118.2437, 0.1),
        new("Miami", "US", 25.7617, -80.1918, 0),
        new("Toronto", "CA", 43.6532, -79.3832, 0.1),
        new("Mexico City", "MX", 19.4326, -99.1332, 0),
        new("São Paulo", "BR", -23.5505, -46.6333, 0),
        new("Dubai", "AE", 25.2048, 55.2708, 0.1),
        new("Singapore", "SG", 1.3521, 103.8198, 0.1),
        new("Tokyo", "JP", 35.6762, 139.6503, 0.1),
        new("Bangkok", "TH", 13.7563, 100.5018, 0),
        new("Sydney", "AU", -33.8688, 151.2093, 0.1),
        new("Lagos", "NG", 6.5244, 3.3792, 0),
    ];

    /// <summary>Great-circle distance in kilometres (haversine, mean Earth radius).</summary>
    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        const double EarthRadiusKm = 6371.0088;
        const double Radians = Math.PI / 180;
        var dLat = (latitude2 - latitude1) * Radians;
        var dLon = (longitude2 - longitude1) * Radians;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(latitude1 * Radians) * Math.Cos(latitude2 * Radians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
