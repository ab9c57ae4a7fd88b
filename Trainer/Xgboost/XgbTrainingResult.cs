namespace FraudActors.Trainer.Xgboost;

/// <summary>
/// What <see cref="XgbTrainer.Train"/> produced. The caller owns (and disposes) <see cref="Booster"/>, which holds
/// exactly <see cref="BestIteration"/> + 1 rounds when early stopping was on, every round otherwise.
/// </summary>
/// <param name="BestIteration">0-based round with the best monitored metric.</param>
/// <param name="BestScore">The monitored metric at <see cref="BestIteration"/>.</param>
/// <param name="History">The monitored metric after each round that ran.</param>
internal sealed record XgbTrainingResult(
    XgbBooster Booster,
    int BestIteration,
    double BestScore,
    string Metric,
    IReadOnlyList<double> History);
