namespace FraudActors.Trainer.Xgboost;

/// <summary>The <c>"type"</c> field of XGBoost's prediction config (1.7 C API).</summary>
internal enum XgbPredictionType
{
    /// <summary>Transformed output, e.g. a probability for binary:logistic.</summary>
    Value = 0,

    /// <summary>Raw margin (log-odds for binary:logistic).</summary>
    Margin = 1,

    /// <summary>Exact TreeSHAP contributions, one per feature plus the bias last.</summary>
    Contributions = 2,

    /// <summary>Saabas path attributions (XGBoost's "approx_contribs"), same layout as <see cref="Contributions"/>.</summary>
    ApproximateContributions = 3,
}
