using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Audit;

namespace FraudActors.Trainer.Reporting;

/// <summary>
/// Recomputes an audited decision from its feature vector and the registry's copy of the model version that
/// made it, and compares bit for bit: probability, decision, thresholds and reasons.
/// </summary>
internal static class DecisionReplay
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Throws <see cref="ArgumentException"/> when the transaction or its model version is unknown.</summary>
    public static async Task<ReplayOutcome> RunAsync(IAuditReader audit, IModelRegistryStore registry, string transactionId, CancellationToken cancellationToken)
    {
        var stored = await audit.GetAsync(transactionId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"transaction '{transactionId}' is not in the audit log.");
        var package = await registry.GetAsync(stored.ModelName, stored.ModelVersion, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"model {stored.ModelName} v{stored.ModelVersion}, which decided '{transactionId}', is not in the registry.");
        if (stored.Features.Length != package.Schema.Count)
        {
            throw new ArgumentException(
                $"the audit row holds {stored.Features.Length} features but {stored.ModelName} v{stored.ModelVersion} takes {package.Schema.Count}.");
        }

        var recomputed = ScoringGrain.Score(LoadedModel.From(package), stored.Features);
        return new ReplayOutcome(stored, recomputed, Compare(stored, recomputed));
    }

    public static IReadOnlyList<string> Compare(AuditedDecision stored, FraudScore recomputed)
    {
        var differences = new List<string>();
        if (!Same(stored.Probability, recomputed.Probability))
        {
            differences.Add("probability");
        }

        if (stored.Decision != recomputed.Decision)
        {
            differences.Add("decision");
        }

        if (!Same(stored.Thresholds.Review, recomputed.Thresholds.Review) || !Same(stored.Thresholds.Decline, recomputed.Thresholds.Decline))
        {
            differences.Add("thresholds");
        }

        if (stored.Reasons.Count != recomputed.Reasons.Count)
        {
            differences.Add("reasons");
        }
        else
        {
            for (var i = 0; i < stored.Reasons.Count; i++)
            {
                var (a, b) = (stored.Reasons[i], recomputed.Reasons[i]);
                if (a.Feature != b.Feature || a.Text != b.Text || !Same(a.Value, b.Value) || !Same(a.Contribution, b.Contribution))
                {
                    differences.Add("reasons");
                    break;
                }
            }
        }

        return differences;
    }

    public static string Text(ReplayOutcome outcome)
    {
        var (stored, recomputed) = (outcome.Stored, outcome.Recomputed);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"transaction {stored.TransactionId} (card {stored.CardId}), decided {stored.DecisionTime:yyyy-MM-dd HH:mm:ss.ffffff} UTC by {stored.ModelName} v{stored.ModelVersion}"));
        text.AppendLine(Invariant($"  {"",-14}{"stored",-34}recomputed"));
        text.AppendLine(Invariant($"  {"probability",-14}{Number(stored.Probability),-34}{Number(recomputed.Probability)}"));
        text.AppendLine(Invariant($"  {"decision",-14}{Name(stored.Decision),-34}{Name(recomputed.Decision)}"));
        text.AppendLine(Invariant($"  {"thresholds",-14}{Thresholds(stored.Thresholds.Review, stored.Thresholds.Decline),-34}{Thresholds(recomputed.Thresholds.Review, recomputed.Thresholds.Decline)}"));
        var rows = Math.Max(stored.Reasons.Count, recomputed.Reasons.Count);
        for (var i = 0; i < rows; i++)
        {
            var label = i == 0 ? "reasons" : "";
            text.AppendLine(Invariant($"  {label,-14}{Reason(stored.Reasons, i),-34}{Reason(recomputed.Reasons, i)}"));
        }

        text.Append(outcome.Identical ? "identical: yes" : $"identical: no (differs in {string.Join(", ", outcome.Differences)})");
        return text.ToString();
    }

    public static string Json(ReplayOutcome outcome) => JsonSerializer.Serialize(
        new
        {
            transactionId = outcome.Stored.TransactionId,
            identical = outcome.Identical,
            differences = outcome.Differences,
            stored = outcome.Stored,
            recomputed = outcome.Recomputed,
        },
        Indented);

    // Bit equality, so NaN equals NaN and -0 differs from 0: "identical" means identical.
    private static bool Same(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Name(DecisionKind decision) => DecisionNames.Of(decision);

    private static string Thresholds(float review, float decline) => Invariant($"review ≥ {Number(review)}, decline ≥ {Number(decline)}");

    private static string Reason(IReadOnlyList<DecisionReason> reasons, int i) =>
        i < reasons.Count ? Invariant($"{reasons[i].Feature}={Number(reasons[i].Value)} (+{Number(reasons[i].Contribution)})") : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
