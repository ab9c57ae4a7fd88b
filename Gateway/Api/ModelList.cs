using FraudActors.Grains.Abstractions.Registry;

namespace FraudActors.Gateway.Api;

/// <summary>Every published version of every model.</summary>
internal sealed record ModelList(IReadOnlyList<string> Models, IReadOnlyList<ModelVersionSummary> Versions);
