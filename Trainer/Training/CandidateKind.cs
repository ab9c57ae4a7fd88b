namespace FraudActors.Trainer.Training;

/// <summary>The model families the trainer compares; the best by validation average precision wins.</summary>
internal enum CandidateKind
{
    /// <summary>XGBoost's linear booster with the logistic objective.</summary>
    LogisticRegression,

    /// <summary>XGBoost's random-forest mode: one round of many parallel, sub-sampled trees.</summary>
    RandomForest,

    /// <summary>Gradient-boosted trees (hist).</summary>
    BoostedTrees,
}
