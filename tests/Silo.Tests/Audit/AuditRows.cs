using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Tests.Audit;

/// <summary>Seeded audit rows and scored outcomes with the awkward values (NaN features and reasons, quotes, non-ASCII).</summary>
internal static class AuditRows
{
    private static readonly string[] Models = ["card-behaviour", "challenger"];

    /// <summary>A time window no other test uses, so tests can share one database.</summary>
    public static DateTimeOffset FreshWindow() =>
        new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Interlocked.Increment(ref s_window) * 3);

    private static int s_window;

    public static AuditedDecision Row(string prefix, int i, DateTimeOffset decisionTime, Random random)
    {
        var features = new float[26];
        for (var f = 0; f < features.Length; f++)
        {
            features[f] = random.NextDouble() < 0.1 ? float.NaN : (float)(random.NextDouble() * 1000);
        }

        var probability = (float)random.NextDouble();
        var thresholds = new DecisionThresholds(0.3f, 0.8f);
        var reasons = new List<DecisionReason>();
        for (var r = 0; r < i % 4; r++)
        {
            reasons.Add(new DecisionReason(
                FeatureSchema.CardBehaviour.Features[(i + r) % 26],
                r == 1 ? float.NaN : features[r],
                (float)random.NextDouble(),
                $"reason {r}: \"quoted\" größe\nline"));
        }

        var version = 1 + (i % 3);
        return new AuditedDecision(
            $"{prefix}-{i:D6}",
            $"card-{i % 37}",
            decisionTime.AddMinutes(-random.Next(0, 600)),
            decisionTime,
            i % 8,
            i,
            features,
            probability,
            thresholds.Decide(probability),
            thresholds,
            Models[version == 3 ? 1 : 0],
            version,
            reasons,
            random.Next(50, 50_000));
    }

    public static List<AuditedDecision> Batch(string prefix, int count, DateTimeOffset windowStart, int seed)
    {
        var random = new Random(seed);
        var rows = new List<AuditedDecision>(count);
        for (var i = 0; i < count; i++)
        {
            rows.Add(Row(prefix, i, windowStart.AddSeconds(random.Next(0, 86_400)).AddTicks(random.Next(0, 1_000_000) * 10), random));
        }

        return rows;
    }

    /// <summary>A scored outcome as the ingestion pipeline hands it to the sinks.</summary>
    public static (StreamRecord Record, TransactionOutcome Outcome) Outcome(string prefix, int i, long appendedTimestamp, bool scored = true)
    {
        var transaction = new CardTransaction(
            $"{prefix}-{i:D6}", $"card-{i % 37}", new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddSeconds(i),
            12.5m + i, "EUR", $"m-{i % 11}", MerchantCategories.Names[i % MerchantCategories.Names.Count], Channel.Online);
        var card = new CardFeatures { Amount = 12.5f + i, TxCount10m = i % 5, SpeedKmh = float.NaN, HourOfDay = i % 24 };
        var merchant = new MerchantFeatures { TxCount1d = i % 7, Risk30d = 0.01f * (i % 10) };
        var thresholds = new DecisionThresholds(0.3f, 0.8f);
        var probability = (i % 100) / 100f;
        var score = scored
            ? new FraudScore(probability, thresholds.Decide(probability), thresholds, "card-behaviour", 4,
                [new DecisionReason("amount", card.Amount, 0.25f, "large amount")])
            : null;
        var outcome = new TransactionOutcome(transaction.TransactionId, transaction.CardId, FeatureOutcome.Applied, card, merchant, score);
        return (new StreamRecord(i % 4, i, transaction, appendedTimestamp), outcome);
    }
}
