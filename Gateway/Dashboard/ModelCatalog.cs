namespace FraudActors.Gateway.Dashboard;

/// <summary>The registry as the Models panel shows it: versions, shadow figures, and why they may be stale.</summary>
internal sealed record ModelCatalog(IReadOnlyList<ModelVersionRow> Versions, IReadOnlyList<ShadowRow> Shadow, string? Error)
{
    public static ModelCatalog Empty { get; } = new([], [], null);
}
