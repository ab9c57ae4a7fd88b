namespace FraudActors.Trainer.Evaluation;

/// <summary>How the decision threshold is chosen on the validation period (never on test).</summary>
internal enum ThresholdPolicy
{
    /// <summary>The threshold with the highest F1.</summary>
    MaxF1,

    /// <summary>The lowest threshold whose precision reaches a target (most recall at that precision).</summary>
    TargetPrecision,

    /// <summary>The threshold that raises at most a budgeted number of alerts per day.</summary>
    AlertBudget,
}
