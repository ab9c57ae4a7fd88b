using System.Globalization;
using System.Text;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Tests.Shared;

/// <summary>Model packages around a hand-written gblinear booster, whose output is easy to reason about.</summary>
internal static class LinearPackages
{
    /// <summary>A card-behaviour package: probability = sigmoid(weight × Σ features + bias), NaN counting as 0.</summary>
    public static ModelPackage Create(
        string model = "card-behaviour",
        double? averagePrecision = 0.5,
        float weight = 0.01f,
        float bias = -2f,
        string objective = "binary:logistic",
        FeatureSchema? schema = null,
        int? boosterFeatures = null,
        int version = 1)
    {
        schema ??= FeatureSchema.CardBehaviour;
        var metrics = new Dictionary<string, double>();
        if (averagePrecision is { } ap)
        {
            metrics["test.average_precision"] = ap;
        }

        var histograms = new List<FeatureHistogram>();
        foreach (var feature in schema.Features)
        {
            histograms.Add(new FeatureHistogram(feature, [0f, 1f, 10f], [0.1, 0.2, 0.3, 0.4], 0.1));
        }

        return new ModelPackage(
            model,
            version,
            "gblinear",
            schema,
            Booster(boosterFeatures ?? schema.Count, weight, bias, objective),
            new DecisionThresholds(0.3f, 0.8f),
            metrics,
            new ModelLineage("test", new string('0', 64), 1, new Dictionary<string, string>(), default, default, default, default, default, default, 0),
            histograms,
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    public static string Booster(int features, float weight, float bias, string objective)
    {
        var weights = new StringBuilder();
        for (var i = 0; i < features; i++)
        {
            weights.Append(weight.ToString("R", CultureInfo.InvariantCulture)).Append(", ");
        }

        weights.Append(bias.ToString("R", CultureInfo.InvariantCulture));
        return $$"""
            {
              "learner": {
                "gradient_booster": { "name": "gblinear", "model": { "boosted_rounds": 1, "weights": [{{weights}}] } },
                "learner_model_param": { "base_score": "5E-1", "num_class": "0", "num_feature": "{{features}}", "num_target": "1" },
                "objective": { "name": "{{objective}}" }
              },
              "version": [1, 7, 4]
            }
            """;
    }
}
