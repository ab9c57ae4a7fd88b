using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Scoring;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Scoring;

namespace FraudActors.Grains.Cardholder;

/// <summary>
/// One card. Like a keyed process function: one method takes an event, updates the card's windows (evicting
/// lazily as event time moves) and asks the merchant and the scorer for the rest. Turns are single-threaded,
/// so the state needs no locks; idle deactivation persists it and frees quiet cards.
/// </summary>
[GrainType("cardholder")]
internal sealed class CardholderGrain : Grain<CardholderState>, ICardholderGrain
{
    public ValueTask<TransactionOutcome> ProcessAsync(CardTransaction transaction) => ApplyAsync(transaction);

    public ValueTask<TransactionOutcome> ProcessAsync(CardTransaction transaction, StreamPosition position)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (StatePosition is { } reflected && reflected.Partition == position.Partition && position.Offset <= reflected.Offset)
        {
            // The stored state already holds this record (it was written after the last committed offset): a replay.
            return ValueTask.FromResult(new TransactionOutcome(transaction.TransactionId, transaction.CardId, FeatureOutcome.Duplicate, default, default, null));
        }

        // Set before the turn yields: the position moves with the state it describes (turns never interleave).
        StatePosition = position;
        return ApplyAsync(transaction);
    }

    public ValueTask CheckpointAsync() => WriteStateAsync();

    public ValueTask<CardSummary> DescribeAsync(int maxRecent)
    {
        var behaviour = State.Behaviour;
        var asOf = behaviour.NewestEventTime ?? TimeProvider.GetUtcNow();
        var latest = State.Latest;
        return ValueTask.FromResult(new CardSummary(GrainId.Key, behaviour.Describe(asOf, Math.Clamp(maxRecent, 0, 200)), latest, StatePosition));
    }

    private async ValueTask<TransactionOutcome> ApplyAsync(CardTransaction transaction)
    {
        if (State.Recall(transaction.TransactionId) is { } first)
        {
            return first with { Outcome = FeatureOutcome.Duplicate };
        }

        var applied = State.Behaviour.Apply(transaction);
        if (applied.Outcome == ApplyOutcome.Duplicate)
        {
            // Seen before, but its outcome is no longer remembered (e.g. after a restart): nothing changes.
            return new TransactionOutcome(transaction.TransactionId, transaction.CardId, FeatureOutcome.Duplicate, default, default, null);
        }

        var merchant = await GrainFactory.GetGrain<IMerchantGrain>(transaction.MerchantId).ObserveAsync(transaction.Timestamp).ConfigureAwait(false);
        var score = await GrainFactory.GetGrain<IScoringGrain>(ScoringGrain.CardBehaviourModel).ScoreAsync(applied.Features, merchant).ConfigureAwait(false);
        var outcome = new TransactionOutcome(
            transaction.TransactionId,
            transaction.CardId,
            applied.Outcome == ApplyOutcome.TooLate ? FeatureOutcome.TooLate : FeatureOutcome.Applied,
            applied.Features,
            merchant,
            score);
        State.Remember(outcome);
        return outcome;
    }
}
