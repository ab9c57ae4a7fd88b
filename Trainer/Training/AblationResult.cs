using FraudActors.Trainer.Evaluation;

namespace FraudActors.Trainer.Training;

/// <summary>The winning model family trained without some feature group, tested on the same period.</summary>
internal sealed record AblationResult(string Variant, EvaluationReport Test);
