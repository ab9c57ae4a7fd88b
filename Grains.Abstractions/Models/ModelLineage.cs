namespace FraudActors.Grains.Abstractions.Models;

/// <summary>Where a model version came from, so it can be rebuilt and audited.</summary>
/// <param name="DataSource">The input file or scenario.</param>
/// <param name="DataHash">SHA-256 (hex) of the training input as read.</param>
/// <param name="Seed">The random seed of training.</param>
/// <param name="Parameters">XGBoost parameters and trainer options.</param>
/// <param name="TrainFrom">First event time used for training (inclusive).</param>
/// <param name="TrainTo">End of the training period (exclusive).</param>
/// <param name="ValidFrom">Start of the validation period (thresholds and early stopping).</param>
/// <param name="ValidTo">End of the validation period (exclusive).</param>
/// <param name="TestFrom">Start of the test period, touched once.</param>
/// <param name="TestTo">End of the test period (exclusive).</param>
/// <param name="LabelDelayDays">The assumed delay before a label is known.</param>
public sealed record ModelLineage(
    string DataSource,
    string DataHash,
    int Seed,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset TrainFrom,
    DateTimeOffset TrainTo,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    DateTimeOffset TestFrom,
    DateTimeOffset TestTo,
    int LabelDelayDays);
