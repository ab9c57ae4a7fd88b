namespace FraudActors.Grains.Scoring;

/// <summary>Which XGBoost booster produced the model.</summary>
internal enum BoosterKind
{
    /// <summary>gbtree: boosted trees, including random forests (num_parallel_tree &gt; 1).</summary>
    Trees,

    /// <summary>gblinear: a linear model (logistic regression with binary:logistic).</summary>
    Linear,
}
