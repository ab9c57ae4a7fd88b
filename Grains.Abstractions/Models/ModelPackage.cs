using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Grains.Abstractions.Models;

/// <summary>
/// Everything a silo needs to score with a model version, and everything an auditor needs to trust it:
/// the booster, the input schema, the decision thresholds, the honest metrics, where it came from, and the
/// reference distributions that drift is measured against.
/// </summary>
/// <param name="ModelName">The registry name, e.g. "card-behaviour".</param>
/// <param name="Version">Assigned by the registry on publish; 0 before.</param>
/// <param name="Algorithm">The winning candidate, e.g. "gbtree", "random-forest", "gblinear".</param>
/// <param name="Schema">The ordered input features.</param>
/// <param name="BoosterJson">XGBoost's JSON model, evaluated in managed code when scoring.</param>
/// <param name="Thresholds">Review and decline cut-offs on the probability.</param>
/// <param name="Metrics">Named figures, e.g. "test.roc_auc", "test.average_precision", "valid.average_precision".</param>
/// <param name="Lineage">The data, seed, parameters and periods that produced the booster.</param>
/// <param name="Reference">Reference histograms of every feature and of the score (drift baseline).</param>
/// <param name="CreatedAt">When the trainer built the package.</param>
public sealed record ModelPackage(
    string ModelName,
    int Version,
    string Algorithm,
    FeatureSchema Schema,
    string BoosterJson,
    DecisionThresholds Thresholds,
    IReadOnlyDictionary<string, double> Metrics,
    ModelLineage Lineage,
    IReadOnlyList<FeatureHistogram> Reference,
    DateTimeOffset CreatedAt);
