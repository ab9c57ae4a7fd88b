namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// What this silo serves now, the registry's versions and shadow figures (cached for a few seconds;
/// <c>RegistryError</c> when they could not be read), and drift of the live traffic (null before a scored sample).
/// </summary>
internal sealed record ModelsPanel(
    IReadOnlyList<ServedModel> Serving,
    IReadOnlyList<ModelVersionRow> Versions,
    string? RegistryError,
    IReadOnlyList<ShadowRow> Shadow,
    IReadOnlyList<DriftPanel> Drift);
