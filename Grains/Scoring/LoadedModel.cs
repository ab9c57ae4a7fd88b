using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Grains.Scoring;

/// <summary>A model version ready to score: its package (thresholds, schema, metadata) and its compiled evaluator.</summary>
internal sealed class LoadedModel
{
    private LoadedModel(ModelPackage package, GradientBoostedModel evaluator)
    {
        Package = package;
        Evaluator = evaluator;
    }

    public ModelPackage Package { get; }

    public GradientBoostedModel Evaluator { get; }

    public string Name => Package.ModelName;

    public int Version => Package.Version;

    /// <summary>Compiles the package's booster; throws with the reason when it cannot serve.</summary>
    public static LoadedModel From(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var evaluator = GradientBoostedModel.FromXgboostJson(package.BoosterJson);
        if (evaluator.FeatureCount != package.Schema.Count)
        {
            throw new InvalidDataException(
                $"Model {package.ModelName} v{package.Version}: the booster expects {evaluator.FeatureCount} features but the schema names {package.Schema.Count}.");
        }

        return new LoadedModel(package, evaluator);
    }
}
