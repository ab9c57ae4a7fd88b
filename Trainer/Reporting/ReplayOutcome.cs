using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Decisions;

namespace FraudActors.Trainer.Reporting;

/// <summary>A decision as audited next to the same decision recomputed from the stored model version.</summary>
/// <param name="Differences">What differs, one phrase each; empty when identical.</param>
internal sealed record ReplayOutcome(AuditedDecision Stored, FraudScore Recomputed, IReadOnlyList<string> Differences)
{
    public bool Identical => Differences.Count == 0;
}
