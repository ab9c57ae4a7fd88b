using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// The latest declined and reviewed transactions, for the Alerts panel. A fixed ring: approvals and unscored
/// outcomes return at once without allocating; an alert (≈1 % of traffic) costs one small record and one
/// interlocked increment, and the oldest alert is overwritten.
/// </summary>
internal sealed class AlertRing(int capacity = AlertRing.DefaultCapacity) : IDecisionSink
{
    public const int DefaultCapacity = 50;
    private const int MaxReasons = 3;
    private readonly AlertRow?[] _slots = new AlertRow?[capacity];
    private long _written;

    public void Accept(in StreamRecord record, TransactionOutcome outcome)
    {
        if (outcome.Score is not { Decision: DecisionKind.Review or DecisionKind.Decline } score
            || outcome.Outcome == FeatureOutcome.Duplicate)
        {
            return;
        }

        var transaction = record.Transaction;
        var row = new AlertRow(
            transaction.TransactionId,
            transaction.CardId,
            transaction.Timestamp,
            transaction.Amount,
            transaction.Currency,
            transaction.MerchantCategory,
            score.Decision == DecisionKind.Decline ? "decline" : "review",
            score.Probability,
            score.ModelName,
            score.ModelVersion,
            TopReasons(score.Reasons));
        var index = Interlocked.Increment(ref _written) - 1;
        Volatile.Write(ref _slots[index % _slots.Length], row);
    }

    /// <summary>Up to <paramref name="count"/> alerts, newest first.</summary>
    public IReadOnlyList<AlertRow> Latest(int count)
    {
        var written = Volatile.Read(ref _written);
        var take = (int)Math.Min(Math.Min(count, _slots.Length), written);
        var rows = new List<AlertRow>(take);
        for (var i = 1; i <= take; i++)
        {
            // A writer racing past us may have replaced an older slot already; the panel tolerates that.
            if (Volatile.Read(ref _slots[(written - i) % _slots.Length]) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static string[] TopReasons(IReadOnlyList<DecisionReason> reasons)
    {
        var top = new List<DecisionReason>(reasons.Count);
        foreach (var reason in reasons)
        {
            if (reason.Contribution > 0)
            {
                top.Add(reason);
            }
        }

        top.Sort(static (a, b) => b.Contribution.CompareTo(a.Contribution));
        var texts = new string[Math.Min(MaxReasons, top.Count)];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = top[i].Text;
        }

        return texts;
    }
}
