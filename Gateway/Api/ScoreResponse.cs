namespace FraudActors.Gateway.Api;

/// <summary>The decision for one transaction.</summary>
/// <param name="TransactionId">The transaction.</param>
/// <param name="Probability">Fraud probability in [0, 1]; null while no model is loaded.</param>
/// <param name="Percent">The probability in percent, rounded to two decimals.</param>
/// <param name="Decision">approve, review, decline, or unscored when no model is loaded.</param>
/// <param name="Thresholds">The cut-offs used.</param>
/// <param name="Model">The model that scored.</param>
/// <param name="Reasons">The largest contributions toward fraud.</param>
/// <param name="Features">The card's features this transaction was scored with (null = missing).</param>
/// <param name="ServerLatencyMs">Time spent in the gateway and the grains.</param>
/// <param name="Outcome">applied, duplicate (a retry: nothing changed) or tooLate (scored, not counted).</param>
internal sealed record ScoreResponse(
    string TransactionId,
    float? Probability,
    double? Percent,
    string Decision,
    ThresholdsView? Thresholds,
    ModelView? Model,
    IReadOnlyList<ReasonView> Reasons,
    IReadOnlyDictionary<string, float?> Features,
    double ServerLatencyMs,
    string Outcome);
