namespace FraudActors.Trainer.Simulation;

/// <summary>A real city the default scenario places cardholders and merchants in.</summary>
/// <param name="Name">As written to the <c>city</c> column.</param>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
/// <param name="Latitude">City centre, degrees.</param>
/// <param name="Longitude">City centre, degrees.</param>
/// <param name="Residents">Relative share of simulated cardholders living there (0 = visited only).</param>
internal readonly record struct WorldCity(string Name, string Country, double Latitude, double Longitude, double Residents);
