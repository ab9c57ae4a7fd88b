using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Abstractions.Merchant;

/// <summary>One merchant or terminal (key = merchant id): its transaction and confirmed-fraud windows.</summary>
public interface IMerchantGrain : IGrainWithStringKey
{
    /// <summary>Returns the merchant's risk as a transaction at <paramref name="time"/> sees it, then counts that transaction.</summary>
    ValueTask<MerchantFeatures> ObserveAsync(DateTimeOffset time);

    /// <summary>Records confirmed feedback for one of the merchant's transactions.</summary>
    /// <returns>True when the label changed the merchant's counts.</returns>
    ValueTask<bool> RecordLabelAsync(TransactionLabel label);
}
