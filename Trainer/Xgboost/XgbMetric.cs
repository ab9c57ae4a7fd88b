namespace FraudActors.Trainer.Xgboost;

/// <summary>One evaluation figure XGBoost reported, e.g. dataset "valid", metric "aucpr".</summary>
internal readonly record struct XgbMetric(string Dataset, string Metric, double Value);
