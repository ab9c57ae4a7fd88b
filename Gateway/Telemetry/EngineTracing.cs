using System.Diagnostics;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;

namespace FraudActors.Gateway.Telemetry;

/// <summary>
/// The gateway's spans on the <see cref="SourceName"/> activity source. The grains and the silo declare their own
/// <see cref="ActivitySource"/> with the same name (they cannot reference the gateway), so one subscription sees the
/// whole chain: request or ingestion record → cardholder turn → scoring → audit enqueue.
/// </summary>
internal static class EngineTracing
{
    public const string SourceName = "FraudActors";
    public const string TransactionIdTag = "transaction.id";
    public const string CardIdTag = "card.id";
    public const string DecisionTag = "decision";
    public const string ModelVersionTag = "model.version";
    public const string ScoreTransaction = "score transaction";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span for one transaction of a request, or null when nobody listens.</summary>
    public static Activity? StartTransaction(string transactionId, string cardId)
    {
        var activity = Source.StartActivity(ScoreTransaction);
        activity?.SetTag(TransactionIdTag, transactionId).SetTag(CardIdTag, cardId);
        return activity;
    }

    public static void Decided(Activity? activity, TransactionOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("outcome", OutcomeName(outcome.Outcome));
        if (outcome.Score is { } score)
        {
            activity.SetTag(DecisionTag, DecisionName(score.Decision)).SetTag(ModelVersionTag, score.ModelVersion);
        }
    }

    public static string DecisionName(DecisionKind? decision) => decision switch
    {
        DecisionKind.Approve => "approve",
        DecisionKind.Review => "review",
        DecisionKind.Decline => "decline",
        null => "unscored",
        _ => "other",
    };

    public static string OutcomeName(FeatureOutcome outcome) => outcome switch
    {
        FeatureOutcome.Applied => "applied",
        FeatureOutcome.Duplicate => "duplicate",
        FeatureOutcome.TooLate => "too_late",
        _ => "other",
    };
}
