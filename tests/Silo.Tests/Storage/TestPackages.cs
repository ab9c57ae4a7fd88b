using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Silo.Tests.Storage;

/// <summary>Model packages with every field filled, including the awkward values (NaN, infinities, offsets, sub-µs ticks, escapes).</summary>
internal static class TestPackages
{
    public static ModelPackage Create(string model, string algorithm = "gbtree") => new(
        model,
        0,
        algorithm,
        new FeatureSchema("card-behaviour", ["tx_count_10m", "amount_z", "speed_kmh", "größe \"quoted\""]),
        """{"learner":{"gradient_booster":{"name":"gbtree"}},"note":"line1\nline2 <tag> & ünïcode"}""",
        new DecisionThresholds(0.35f, 0.8123f),
        new Dictionary<string, double>
        {
            ["test.roc_auc"] = 0.9731234567891234,
            ["test.average_precision"] = 0.61,
            ["valid.nan"] = double.NaN,
            ["tiny"] = double.Epsilon,
        },
        new ModelLineage(
            "simulate:seed=7",
            new string('a', 64),
            7,
            new Dictionary<string, string> { ["max_depth"] = "6", ["eta"] = "0.1" },
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(7),
            new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.FromHours(2)),
            new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 2, 15, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
            3),
        [
            new FeatureHistogram("amount_z", [-1.5f, 0f, 0.1f, float.PositiveInfinity], [0.1, 0.2, 0.3, 0.4, 0.0], 0.0),
            new FeatureHistogram("score", [0.5f], [0.9, 0.1], 0.125),
        ],
        new DateTimeOffset(2026, 3, 2, 10, 30, 15, TimeSpan.FromHours(1)).AddTicks(1234567));

    public static string NewModelName() => "m-" + Guid.NewGuid().ToString("N")[..10];
}
