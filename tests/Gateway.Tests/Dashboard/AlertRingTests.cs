using FraudActors.Gateway.Dashboard;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Tests.Dashboard;

/// <summary>The Alerts panel's ring against a plain list of every alert: newest first, bounded, approvals ignored.</summary>
public sealed class AlertRingTests
{
    private static readonly DecisionThresholds Thresholds = new(0.3f, 0.8f);

    [Fact]
    public void Keeps_the_latest_alerts_newest_first_and_ignores_approvals()
    {
        var ring = new AlertRing(capacity: 8);
        var expected = new List<string>();
        var random = new Random(3);
        for (var i = 0; i < 100; i++)
        {
            var probability = (float)random.NextDouble();
            var (record, outcome) = Outcome(i, probability);
            ring.Accept(record, outcome);
            if (Thresholds.Decide(probability) != DecisionKind.Approve)
            {
                expected.Add(outcome.TransactionId);
            }
        }

        expected.Reverse();
        ring.Latest(5).Select(a => a.TransactionId).Should().Equal(expected.Take(5));
        ring.Latest(50).Select(a => a.TransactionId).Should().Equal(expected.Take(8), "the ring holds at most its capacity");
    }

    [Fact]
    public void An_alert_carries_its_decision_and_top_three_positive_reasons()
    {
        var ring = new AlertRing();
        var (record, outcome) = Outcome(1, 0.9f);
        ring.Accept(record, outcome);
        var (unscoredRecord, unscored) = Outcome(2, 0.95f);
        ring.Accept(unscoredRecord, unscored with { Score = null });

        var alert = ring.Latest(10).Should().ContainSingle().Subject;
        alert.Decision.Should().Be("decline");
        alert.CardId.Should().Be("card-1");
        alert.Reasons.Should().Equal("r4", "r3", "r2");
    }

    private static (StreamRecord Record, TransactionOutcome Outcome) Outcome(int i, float probability)
    {
        var transaction = new CardTransaction($"t-{i}", $"card-{i % 7}", new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(i),
            10m + i, "EUR", "m-1", MerchantCategories.Names[0], Channel.Online);
        DecisionReason[] reasons =
        [
            new("f1", 1, 0.1f, "r1"), new("f2", 1, 0.2f, "r2"), new("f0", 1, -0.5f, "against"),
            new("f4", 1, 0.4f, "r4"), new("f3", 1, 0.3f, "r3"),
        ];
        var score = new FraudScore(probability, Thresholds.Decide(probability), Thresholds, "card-behaviour", 1, reasons);
        return (new StreamRecord(0, i, transaction, 0),
            new TransactionOutcome(transaction.TransactionId, transaction.CardId, FeatureOutcome.Applied, default(CardFeatures), default(MerchantFeatures), score));
    }
}
