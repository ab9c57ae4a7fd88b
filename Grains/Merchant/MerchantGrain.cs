using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Cardholder;

namespace FraudActors.Grains.Merchant;

/// <summary>
/// One merchant or terminal: how many transactions it saw and how many of them were later confirmed as fraud,
/// per day, honouring the label delay. Compromised terminals are only visible across cards, so this grain is
/// what lets the model see them.
/// </summary>
[GrainType("merchant")]
internal sealed class MerchantGrain : Grain<MerchantState>, IMerchantGrain
{
    public ValueTask<MerchantFeatures> ObserveAsync(DateTimeOffset time)
    {
        var features = State.Risk.FeaturesAt(time);
        State.Risk.RecordTransaction(time);
        return ValueTask.FromResult(features);
    }

    public ValueTask<bool> RecordLabelAsync(TransactionLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var changed = label.IsFraud && State.Risk.RecordFraudLabel(StableHash.Of(label.TransactionId), label.TransactionTime);
        return ValueTask.FromResult(changed);
    }
}
