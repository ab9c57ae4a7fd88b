using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>The caller's side of <see cref="IModelRegistryGrain"/> (what Orleans would generate).</summary>
public sealed class ModelRegistryGrainReference(GrainReference reference) : IModelRegistryGrain
{
    public ValueTask<PromotionResult> PromoteAsync(int version, string alias, bool force, string by, string reason) =>
        reference.InvokeAsync<IModelRegistryGrain, (int Version, string Alias, bool Force, string By, string Reason), PromotionResult>(
            (version, alias, force, by, reason),
            static (grain, a) => grain.PromoteAsync(a.Version, a.Alias, a.Force, a.By, a.Reason));

    public ValueTask<RollbackResult> RollbackAsync(string by, string reason) =>
        reference.InvokeAsync<IModelRegistryGrain, (string By, string Reason), RollbackResult>(
            (by, reason), static (grain, a) => grain.RollbackAsync(a.By, a.Reason));

    public ValueTask<ModelRegistryStatus> GetStatusAsync() =>
        reference.InvokeAsync<IModelRegistryGrain, ModelRegistryStatus>(static grain => grain.GetStatusAsync());

    public ValueTask<IReadOnlyList<ShadowStats>> GetShadowStatsAsync() =>
        reference.InvokeAsync<IModelRegistryGrain, IReadOnlyList<ShadowStats>>(static grain => grain.GetShadowStatsAsync());

    public ValueTask FlushShadowAsync() =>
        reference.InvokeAsync<IModelRegistryGrain>(static grain => grain.FlushShadowAsync());
}
