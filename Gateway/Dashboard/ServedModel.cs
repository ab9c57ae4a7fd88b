namespace FraudActors.Gateway.Dashboard;

/// <summary>A model loaded in this silo; <c>Role</c> is "champion" or "challenger".</summary>
internal sealed record ServedModel(string Model, int Version, string Role);
