namespace FraudActors.Gateway.Dashboard;

/// <summary>One grain method's calls per second and turn latency over the last sample (calls made through a grain reference).</summary>
internal sealed record GrainMethodRow(string GrainType, string Method, double CallsPerSecond, double? TurnP50Ms, double? TurnP99Ms);
