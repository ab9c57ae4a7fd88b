using System.Globalization;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Gateway.Api;

/// <summary>Between the JSON contract and the grain contract: request → <see cref="CardTransaction"/>, outcome → <see cref="ScoreResponse"/>.</summary>
internal static class TransactionContract
{
    /// <summary>The transaction, or null with every problem added to <paramref name="errors"/> under its camelCase field.</summary>
    public static CardTransaction? Create(ScoreTransactionRequest request, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var timestamp = default(DateTimeOffset);
        if (request.Timestamp is null)
        {
            errors["timestamp"] = ["is required."];
        }
        else if (!HasExplicitOffset(request.Timestamp)
                 || !DateTimeOffset.TryParse(request.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out timestamp))
        {
            errors["timestamp"] = ["must be an ISO-8601 time in UTC, e.g. 2026-01-01T08:30:00Z."];
        }

        if (request.Amount is null)
        {
            errors["amount"] = ["is required."];
        }

        var channel = request.Channel switch
        {
            "cardPresent" => Channel.CardPresent,
            "online" => Channel.Online,
            _ => (Channel)(-1),
        };
        if (request.Channel is null)
        {
            errors["channel"] = ["is required."];
        }
        else if (!Enum.IsDefined(channel))
        {
            errors["channel"] = ["must be 'cardPresent' or 'online'."];
        }

        var transaction = new CardTransaction(
            request.TransactionId ?? "",
            request.CardId ?? "",
            timestamp == default ? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) : timestamp,
            request.Amount ?? 1m,
            request.Currency ?? "",
            request.MerchantId ?? "",
            request.MerchantCategory ?? "",
            Enum.IsDefined(channel) ? channel : Channel.CardPresent,
            request.City,
            request.Latitude,
            request.Longitude,
            request.DeviceId);

        foreach (var error in TransactionValidator.Validate(transaction))
        {
            if (!errors.ContainsKey(error.Field))
            {
                errors[error.Field] = [error.Message];
            }
        }

        return errors.Count == before ? transaction : null;
    }

    public static ScoreResponse ToResponse(TransactionOutcome outcome, TimeSpan elapsed)
    {
        var features = new Dictionary<string, float?>(CardFeatures.Count, StringComparer.Ordinal);
        Span<float> values = stackalloc float[CardFeatures.Count];
        outcome.Card.CopyTo(values);
        for (var i = 0; i < values.Length; i++)
        {
            features[CardFeatures.Names[i]] = Finite(values[i]);
        }

        var outcomeName = outcome.Outcome switch
        {
            FeatureOutcome.Applied => "applied",
            FeatureOutcome.Duplicate => "duplicate",
            _ => "tooLate",
        };
        var latency = Math.Round(elapsed.TotalMilliseconds, 3);
        if (outcome.Score is not { } score)
        {
            return new ScoreResponse(outcome.TransactionId, null, null, "unscored", null, null, [], features, latency, outcomeName);
        }

        return new ScoreResponse(
            outcome.TransactionId,
            score.Probability,
            Math.Round(score.Probability * 100.0, 2),
            DecisionName(score.Decision),
            new ThresholdsView(score.Thresholds.Review, score.Thresholds.Decline),
            new ModelView(score.ModelName, score.ModelVersion),
            Reasons(score.Reasons),
            features,
            latency,
            outcomeName);
    }

    public static string DecisionName(DecisionKind decision) => decision switch
    {
        DecisionKind.Approve => "approve",
        DecisionKind.Review => "review",
        _ => "decline",
    };

    public static List<ReasonView> Reasons(IReadOnlyList<DecisionReason> reasons)
    {
        var views = new List<ReasonView>(reasons.Count);
        foreach (var reason in reasons)
        {
            views.Add(new ReasonView(reason.Feature, Finite(reason.Value), reason.Contribution, reason.Text));
        }

        return views;
    }

    /// <summary>JSON has no NaN: a missing feature is null.</summary>
    public static float? Finite(float value) => float.IsFinite(value) ? value : null;

    /// <summary>Refuses local times: "…Z" or an explicit "±hh:mm" (the validator then insists on +00:00).</summary>
    private static bool HasExplicitOffset(string value) =>
        value.Length > 10 && value.Contains('T', StringComparison.Ordinal)
        && (value[^1] is 'Z' or 'z' || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':'));
}
