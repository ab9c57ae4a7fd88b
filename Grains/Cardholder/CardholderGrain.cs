using System.Diagnostics;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;
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
    // Same name as the gateway's and the silo's sources: one subscription to "FraudActors" sees the whole transaction.
    private static readonly ActivitySource Tracing = new("FraudActors");
    private const string TransactionIdTag = "transaction.id";

    // The scorer is one stateless-worker pool for every card: looked up once per activation, not once per transaction.
    private IScoringGrain? _scoring;

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
        using var turn = Tracing.HasListeners() ? StartTurn(transaction) : null;
        if (State.Recall(transaction.TransactionId) is { } first)
        {
            turn?.SetTag("outcome", "duplicate");
            return first with { Outcome = FeatureOutcome.Duplicate };
        }

        var applied = State.Behaviour.Apply(transaction);
        if (applied.Outcome == ApplyOutcome.Duplicate)
        {
            // Seen before, but its outcome is no longer remembered (e.g. after a restart): nothing changes.
            turn?.SetTag("outcome", "duplicate");
            return new TransactionOutcome(transaction.TransactionId, transaction.CardId, FeatureOutcome.Duplicate, default, default, null);
        }

        var merchant = await GrainFactory.GetGrain<IMerchantGrain>(transaction.MerchantId).ObserveAsync(transaction.Timestamp).ConfigureAwait(false);
        FraudScore? score;

        // The scoring span is opened here, around the call, so it stays in this turn's trace even when the scoring worker's turn is queued.
        using (var scoring = turn is null ? null : Tracing.StartActivity("scoring"))
        {
            _scoring ??= GrainFactory.GetGrain<IScoringGrain>(ScoringGrain.CardBehaviourModel);
            score = await _scoring.ScoreAsync(applied.Features, merchant).ConfigureAwait(false);
            Decided(scoring, score);
        }

        var outcome = new TransactionOutcome(
            transaction.TransactionId,
            transaction.CardId,
            applied.Outcome == ApplyOutcome.TooLate ? FeatureOutcome.TooLate : FeatureOutcome.Applied,
            applied.Features,
            merchant,
            score);
        State.Remember(outcome);
        turn?.SetTag("outcome", applied.Outcome == ApplyOutcome.TooLate ? "too_late" : "applied");
        Decided(turn, score);
        return outcome;
    }

    private static Activity? StartTurn(CardTransaction transaction)
    {
        // A turn that waited in the mailbox runs on whichever thread drained it, whose current activity may belong to
        // another transaction: only a span of this same transaction is taken as the parent.
        if (Activity.Current is { } parent && !string.Equals(parent.GetTagItem(TransactionIdTag) as string, transaction.TransactionId, StringComparison.Ordinal))
        {
            Activity.Current = null;
        }

        var turn = Tracing.StartActivity("cardholder turn");
        turn?.SetTag(TransactionIdTag, transaction.TransactionId).SetTag("card.id", transaction.CardId);
        return turn;
    }

    private static void Decided(Activity? activity, FraudScore? score)
    {
        if (activity is null || score is null)
        {
            return;
        }

        activity.SetTag("decision", score.Decision switch
        {
            DecisionKind.Approve => "approve",
            DecisionKind.Review => "review",
            _ => "decline",
        }).SetTag("model.version", score.ModelVersion);
    }
}
