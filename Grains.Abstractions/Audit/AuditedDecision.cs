using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Grains.Abstractions.Audit;

/// <summary>
/// One row of the decision audit log: enough to explain a decision and to recompute it later from the stored
/// model version. A transaction has one row; a repeated delivery of the same transaction is the same row.
/// </summary>
/// <param name="TransactionId">The transaction (the row's key).</param>
/// <param name="CardId">Its card.</param>
/// <param name="EventTime">The transaction's event time.</param>
/// <param name="DecisionTime">When the silo published the decision.</param>
/// <param name="Partition">The stream partition the transaction came from.</param>
/// <param name="Offset">Its offset within that partition.</param>
/// <param name="Features">The model input vector (card-behaviour schema order); NaN marks a missing value.</param>
/// <param name="Probability">The fraud probability.</param>
/// <param name="Decision">Approve, review or decline.</param>
/// <param name="Thresholds">The cut-offs that made the decision.</param>
/// <param name="ModelName">The model that scored.</param>
/// <param name="ModelVersion">Its version in the registry.</param>
/// <param name="Reasons">The top contributions toward fraud, largest first.</param>
/// <param name="LatencyMicroseconds">From append to the stream until the decision was published.</param>
public sealed record AuditedDecision(
    string TransactionId,
    string CardId,
    DateTimeOffset EventTime,
    DateTimeOffset DecisionTime,
    int Partition,
    long Offset,
    float[] Features,
    float Probability,
    DecisionKind Decision,
    DecisionThresholds Thresholds,
    string ModelName,
    int ModelVersion,
    IReadOnlyList<DecisionReason> Reasons,
    long LatencyMicroseconds);
