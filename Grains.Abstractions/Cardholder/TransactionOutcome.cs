using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Grains.Abstractions.Cardholder;

/// <summary>The result of processing one transaction.</summary>
/// <param name="TransactionId">The transaction.</param>
/// <param name="CardId">Its card.</param>
/// <param name="Outcome">Applied, duplicate or too late.</param>
/// <param name="Card">The card's features of this transaction.</param>
/// <param name="Merchant">The merchant's risk as this transaction saw it.</param>
/// <param name="Score">The model's decision; null while no model is loaded.</param>
public sealed record TransactionOutcome(
    string TransactionId,
    string CardId,
    FeatureOutcome Outcome,
    CardFeatures Card,
    MerchantFeatures Merchant,
    FraudScore? Score);
