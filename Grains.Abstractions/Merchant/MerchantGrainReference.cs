using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Abstractions.Merchant;

/// <summary>The caller's side of <see cref="IMerchantGrain"/>.</summary>
public sealed class MerchantGrainReference(GrainReference reference) : IMerchantGrain
{
    public ValueTask<MerchantFeatures> ObserveAsync(DateTimeOffset time) =>
        reference.InvokeAsync<IMerchantGrain, DateTimeOffset, MerchantFeatures>(time, static (grain, t) => grain.ObserveAsync(t));

    public ValueTask<bool> RecordLabelAsync(TransactionLabel label) =>
        reference.InvokeAsync<IMerchantGrain, TransactionLabel, bool>(label, static (grain, l) => grain.RecordLabelAsync(l));
}
