namespace FraudActors.Grains.Abstractions.Merchant;

/// <summary>Confirmed feedback for a transaction (a chargeback, an analyst's verdict).</summary>
/// <param name="TransactionId">The transaction labelled.</param>
/// <param name="MerchantId">Its merchant.</param>
/// <param name="TransactionTime">Its event time.</param>
/// <param name="IsFraud">True for confirmed fraud, false for confirmed genuine.</param>
/// <param name="KnownAt">When the label became known.</param>
public sealed record TransactionLabel(string TransactionId, string MerchantId, DateTimeOffset TransactionTime, bool IsFraud, DateTimeOffset KnownAt);
