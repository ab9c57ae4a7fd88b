namespace FraudActors.Gateway.Api;

/// <summary>A model version by name.</summary>
internal sealed record ModelView(string Name, int Version);
