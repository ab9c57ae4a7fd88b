using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Abstractions.Cardholder;

/// <summary>What the card view shows about one card.</summary>
/// <param name="CardId">The card.</param>
/// <param name="Windows">Its live windows as of its newest event time (or now, for a card with no history).</param>
/// <param name="Latest">The outcome of its latest transaction processed since the grain was activated; null before any.</param>
/// <param name="Position">The stream position its state reflects; null when it was fed only through the API.</param>
public sealed record CardSummary(string CardId, CardWindowView Windows, TransactionOutcome? Latest, StreamPosition? Position);
