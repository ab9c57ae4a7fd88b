using System.Globalization;

namespace FraudActors.Trainer.Xgboost;

/// <summary>Parameter sets for the three model candidates the trainer compares, as XGBoost expects them (strings).</summary>
internal static class XgbParameters
{
    /// <summary>Gradient-boosted trees for binary fraud labels (hist method, deterministic seed).</summary>
    public static Dictionary<string, string> GradientBoostedTrees(
        int maxDepth = 6,
        double learningRate = 0.1,
        double subsample = 1.0,
        double columnSampleByTree = 1.0,
        double scalePositiveWeight = 1.0,
        int threads = XgbBooster.DefaultThreads,
        int seed = 0) => new()
        {
            ["booster"] = "gbtree",
            ["objective"] = "binary:logistic",
            ["tree_method"] = "hist",
            ["max_depth"] = Text(maxDepth),
            ["eta"] = Text(learningRate),
            ["subsample"] = Text(subsample),
            ["colsample_bytree"] = Text(columnSampleByTree),
            ["scale_pos_weight"] = Text(scalePositiveWeight),
            ["nthread"] = Text(threads),
            ["seed"] = Text(seed),
        };

    /// <summary>
    /// A random forest in XGBoost's idiom: one round of <paramref name="trees"/> parallel trees, each on a row
    /// subsample with per-split column sampling, eta = 1 so the trees are averaged rather than shrunk. Train it for 1 round.
    /// </summary>
    public static Dictionary<string, string> RandomForest(
        int trees = 100,
        int maxDepth = 8,
        double subsample = 0.8,
        double columnSampleByNode = 0.8,
        int threads = XgbBooster.DefaultThreads,
        int seed = 0) => new()
        {
            ["booster"] = "gbtree",
            ["objective"] = "binary:logistic",
            ["tree_method"] = "hist",
            ["num_parallel_tree"] = Text(trees),
            ["max_depth"] = Text(maxDepth),
            ["subsample"] = Text(subsample),
            ["colsample_bynode"] = Text(columnSampleByNode),
            ["eta"] = "1",
            ["nthread"] = Text(threads),
            ["seed"] = Text(seed),
        };

    /// <summary>
    /// Logistic regression (gblinear). Coordinate descent keeps it deterministic, unlike the default
    /// multi-threaded shotgun updater. Features should be on comparable scales.
    /// </summary>
    public static Dictionary<string, string> LogisticRegression(
        double l2 = 1.0,
        double l1 = 0.0,
        double learningRate = 0.5,
        int threads = XgbBooster.DefaultThreads) => new()
        {
            ["booster"] = "gblinear",
            ["objective"] = "binary:logistic",
            ["updater"] = "coord_descent",
            ["lambda"] = Text(l2),
            ["alpha"] = Text(l1),
            ["eta"] = Text(learningRate),
            ["nthread"] = Text(threads),
        };

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
