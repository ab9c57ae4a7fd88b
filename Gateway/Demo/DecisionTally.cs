using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Demo;

/// <summary>
/// Counts decisions by kind, rule-based suspicions, and — against the simulator's labels — true and false
/// alerts (review or decline) and missed frauds. Lock-free counters; read by the console and the dashboard.
/// </summary>
internal sealed class DecisionTally(DemoLabels labels) : IDecisionSink
{
    private long _approved;
    private long _reviewed;
    private long _declined;
    private long _unscored;
    private long _suspicious;
    private long _truePositives;
    private long _falsePositives;
    private long _falseNegatives;
    private long _frauds;

    public void Accept(in StreamRecord record, TransactionOutcome outcome)
    {
        if (outcome.Outcome != FeatureOutcome.Duplicate && SuspicionRules.IsSuspicious(outcome.Card))
        {
            Interlocked.Increment(ref _suspicious);
        }

        var kind = outcome.Score?.Decision;
        switch (kind)
        {
            case DecisionKind.Approve:
                Interlocked.Increment(ref _approved);
                break;
            case DecisionKind.Review:
                Interlocked.Increment(ref _reviewed);
                break;
            case DecisionKind.Decline:
                Interlocked.Increment(ref _declined);
                break;
            default:
                Interlocked.Increment(ref _unscored);
                break;
        }

        if (labels.Take(outcome.TransactionId) is not { } isFraud || kind is null)
        {
            return;
        }

        var alerted = kind != DecisionKind.Approve;
        if (isFraud)
        {
            Interlocked.Increment(ref _frauds);
        }

        if (alerted && isFraud)
        {
            Interlocked.Increment(ref _truePositives);
        }
        else if (alerted)
        {
            Interlocked.Increment(ref _falsePositives);
        }
        else if (isFraud)
        {
            Interlocked.Increment(ref _falseNegatives);
        }
    }

    public TallySnapshot Snapshot() => new(
        Volatile.Read(ref _approved),
        Volatile.Read(ref _reviewed),
        Volatile.Read(ref _declined),
        Volatile.Read(ref _unscored),
        Volatile.Read(ref _suspicious),
        Volatile.Read(ref _truePositives),
        Volatile.Read(ref _falsePositives),
        Volatile.Read(ref _falseNegatives),
        Volatile.Read(ref _frauds));
}
