using FraudActors.Grains.Abstractions.Models;
using FraudActors.Trainer.Evaluation;

namespace FraudActors.Trainer.Training;

/// <summary>The package to publish and the evidence behind it.</summary>
internal sealed record TrainingOutcome(
    ModelPackage Package,
    TrainingPeriods Periods,
    IReadOnlyList<CandidateResult> Candidates,
    EvaluationReport Validation,
    EvaluationReport Test,
    IReadOnlyList<AblationResult> Ablations,
    TrainingTimings Timings);
