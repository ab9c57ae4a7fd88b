using System.Buffers;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Cardholder;

/// <summary>
/// What a cardholder grain persists: its windows. The outcomes of its latest transactions are kept beside them
/// (in memory) so a retried transaction id gets the first answer back.
/// </summary>
internal sealed class CardholderState : IPersistableState<CardholderState>
{
    private const int RememberedOutcomes = 16;
    private readonly Queue<TransactionOutcome> _recent = new(RememberedOutcomes);

    public CardholderState(CardBehaviour behaviour) => Behaviour = behaviour;

    public static int SchemaVersion => CardBehaviour.SchemaVersion;

    public CardBehaviour Behaviour { get; }

    public static CardholderState CreateEmpty() => new(new CardBehaviour());

    public static CardholderState ReadFrom(ReadOnlySpan<byte> payload, int schemaVersion) =>
        new(CardBehaviour.ReadFrom(payload, schemaVersion));

    public void WriteTo(IBufferWriter<byte> writer) => Behaviour.WriteTo(writer);

    public TransactionOutcome? Recall(string transactionId)
    {
        foreach (var outcome in _recent)
        {
            if (outcome.TransactionId == transactionId)
            {
                return outcome;
            }
        }

        return null;
    }

    public void Remember(TransactionOutcome outcome)
    {
        if (_recent.Count == RememberedOutcomes)
        {
            _recent.Dequeue();
        }

        _recent.Enqueue(outcome);
    }
}
