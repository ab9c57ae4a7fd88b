namespace FraudActors.Gateway.Api;

/// <summary>One audited decision of a card.</summary>
/// <param name="TransactionId">The transaction.</param>
/// <param name="DecidedAt">When the silo published the decision.</param>
/// <param name="Probability">Fraud probability in [0, 1].</param>
/// <param name="Percent">The probability in percent, rounded to two decimals.</param>
/// <param name="Decision">approve, review or decline.</param>
/// <param name="ModelName">The model that scored.</param>
/// <param name="ModelVersion">Its registry version.</param>
/// <param name="Reasons">The largest contributions toward fraud.</param>
internal sealed record CardDecisionView(
    string TransactionId,
    DateTimeOffset DecidedAt,
    float Probability,
    double Percent,
    string Decision,
    string ModelName,
    int ModelVersion,
    IReadOnlyList<CardReasonView> Reasons);
