namespace FraudActors.Gateway.Dashboard;

/// <summary>What this silo serves now, and the registry's versions (cached for a few seconds; <c>RegistryError</c> when it could not be read).</summary>
internal sealed record ModelsPanel(
    IReadOnlyList<ServedModel> Serving,
    IReadOnlyList<ModelVersionRow> Versions,
    string? RegistryError);
