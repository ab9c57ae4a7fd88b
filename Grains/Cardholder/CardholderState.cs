using System.Buffers;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Cardholder;

/// <summary>
/// What a cardholder grain persists: its windows. The outcome of the card's latest transaction is kept beside them
/// (in memory only) so an immediate retry of that transaction id gets the first answer back; an older duplicate
/// is still recognised by the windows (by id hash) and changes nothing. One outcome, not a history: memory per
/// active card is the budget that decides how many cards a silo holds.
/// </summary>
internal sealed class CardholderState : IPersistableState<CardholderState>
{
    private TransactionOutcome? _latest;

    public CardholderState(CardBehaviour behaviour) => Behaviour = behaviour;

    public static int SchemaVersion => CardBehaviour.SchemaVersion;

    public CardBehaviour Behaviour { get; }

    public static CardholderState CreateEmpty() => new(new CardBehaviour());

    public static CardholderState ReadFrom(ReadOnlySpan<byte> payload, int schemaVersion) =>
        new(CardBehaviour.ReadFrom(payload, schemaVersion));

    public void WriteTo(IBufferWriter<byte> writer) => Behaviour.WriteTo(writer);

    /// <summary>The outcome of the card's latest transaction since activation.</summary>
    public TransactionOutcome? Latest => _latest;

    public TransactionOutcome? Recall(string transactionId) =>
        _latest is { } latest && latest.TransactionId == transactionId ? latest : null;

    public void Remember(TransactionOutcome outcome) => _latest = outcome;
}
