namespace FraudActors.Grains.Cardholder;

/// <summary>Haversine distance on a sphere of the mean Earth radius (IUGG, 6371.0088 km).</summary>
internal static class GreatCircle
{
    public const double EarthRadiusKm = 6371.0088;
    private const double DegreesToRadians = Math.PI / 180.0;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var phi1 = lat1 * DegreesToRadians;
        var phi2 = lat2 * DegreesToRadians;
        var sinHalfDPhi = Math.Sin((phi2 - phi1) * 0.5);
        var sinHalfDLambda = Math.Sin((lon2 - lon1) * DegreesToRadians * 0.5);
        var a = (sinHalfDPhi * sinHalfDPhi) + (Math.Cos(phi1) * Math.Cos(phi2) * sinHalfDLambda * sinHalfDLambda);
        return 2.0 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }
}
