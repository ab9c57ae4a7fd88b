namespace FraudActors.Gateway.Api;

/// <summary>The score of one plain-columns row.</summary>
internal sealed record RowScoreResponse(
    float Probability,
    double Percent,
    string Decision,
    ThresholdsView Thresholds,
    ModelView Model,
    IReadOnlyList<ReasonView> Reasons);
