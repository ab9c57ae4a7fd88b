namespace FraudActors.Gateway.Dashboard;

/// <summary>Population stability index of one feature (or "score") of live traffic against the champion's reference histogram.</summary>
internal sealed record DriftRow(string Feature, double Psi, bool Warning);
