namespace FraudActors.Silo.Audit;

/// <summary>How many of a window's decisions one model version made, and their share of the window.</summary>
internal sealed record ModelVersionShare(string ModelName, int ModelVersion, long Decisions, double Share);
