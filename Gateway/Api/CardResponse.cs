namespace FraudActors.Gateway.Api;

/// <summary>GET /v1/cards/{cardId}: a card's live windows, its newest retained transactions and its newest audited decisions.</summary>
/// <param name="CardId">The card.</param>
/// <param name="AsOf">The instant the windows are computed at (the card's newest event time).</param>
/// <param name="Owner">The silo answering and the card's stream partition.</param>
/// <param name="Windows">The live windows.</param>
/// <param name="Recent">Retained transactions, newest first.</param>
/// <param name="Decisions">Audited decisions, newest event time first (the audit log is written behind, so the newest may lag).</param>
internal sealed record CardResponse(
    string CardId,
    DateTimeOffset AsOf,
    CardOwnerView Owner,
    CardWindowsView Windows,
    IReadOnlyList<CardTransactionView> Recent,
    IReadOnlyList<CardDecisionView> Decisions);
