using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Grains.Abstractions.Decisions;

/// <summary>The scoring grain's answer for one feature vector.</summary>
/// <param name="Probability">Fraud probability in [0, 1].</param>
/// <param name="Decision">Approve, review or decline by <paramref name="Thresholds"/>.</param>
/// <param name="Thresholds">The cut-offs used.</param>
/// <param name="ModelName">The model that scored.</param>
/// <param name="ModelVersion">Its version.</param>
/// <param name="Reasons">The top contributions toward fraud, largest first.</param>
public sealed record FraudScore(
    float Probability,
    DecisionKind Decision,
    DecisionThresholds Thresholds,
    string ModelName,
    int ModelVersion,
    IReadOnlyList<DecisionReason> Reasons);
