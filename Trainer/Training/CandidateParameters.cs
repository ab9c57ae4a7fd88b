using System.Globalization;

namespace FraudActors.Trainer.Training;

/// <summary>XGBoost parameters of each candidate. Fixed, documented defaults: nothing here is tuned on the test period.</summary>
internal static class CandidateParameters
{
    /// <summary>
    /// The variants compared on validation: one per family, except boosted trees, which try three depths, each
    /// with the configured class weighting and without it (the only search; early stopping picks the rounds).
    /// The grid was fixed before any test figure was seen and is the same for every data set.
    /// </summary>
    public static IEnumerable<(string Name, Dictionary<string, string> Overrides)> Variants(CandidateKind kind, bool search = true)
    {
        if (kind != CandidateKind.BoostedTrees || !search)
        {
            yield return (Name(kind), []);
            yield break;
        }

        foreach (var depth in (int[])[4, 6, 8])
        {
            var text = depth.ToString(CultureInfo.InvariantCulture);
            yield return ($"{Name(kind)} (depth {text})", new Dictionary<string, string> { ["max_depth"] = text });
            yield return ($"{Name(kind)} (depth {text}, unweighted)", new Dictionary<string, string> { ["max_depth"] = text, ["scale_pos_weight"] = "1" });
        }
    }

    public static Dictionary<string, string> For(CandidateKind kind, double positiveWeight, int seed, int threads)
    {
        var common = new Dictionary<string, string>
        {
            ["objective"] = "binary:logistic",
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["nthread"] = threads.ToString(CultureInfo.InvariantCulture),
            ["scale_pos_weight"] = positiveWeight.ToString("R", CultureInfo.InvariantCulture),
        };

        switch (kind)
        {
            case CandidateKind.LogisticRegression:
                common["booster"] = "gblinear";
                // shotgun (parallel coordinate updates) converges in a few dozen rounds; early stopping ends it.
                common["updater"] = "shotgun";
                common["eta"] = "0.5";
                common["lambda"] = "1";
                common["alpha"] = "0";
                break;
            case CandidateKind.RandomForest:
                common["booster"] = "gbtree";
                common["tree_method"] = "hist";
                common["eta"] = "1";
                common["num_parallel_tree"] = "100";
                common["subsample"] = "0.632";
                common["colsample_bynode"] = "0.5";
                common["max_depth"] = "10";
                common["min_child_weight"] = "1";
                common["lambda"] = "1e-5";
                break;
            case CandidateKind.BoostedTrees:
                common["booster"] = "gbtree";
                common["tree_method"] = "hist";
                common["eta"] = "0.1";
                common["max_depth"] = "6";
                common["subsample"] = "0.8";
                common["colsample_bytree"] = "0.8";
                common["min_child_weight"] = "1";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return common;
    }

    /// <summary>Boosting rounds to try (early stopping cuts them short); a forest is one round.</summary>
    public static int Rounds(CandidateKind kind) => kind switch
    {
        CandidateKind.RandomForest => 1,
        CandidateKind.LogisticRegression => 100,
        _ => 400,
    };

    public static string Name(CandidateKind kind) => kind switch
    {
        CandidateKind.LogisticRegression => "logistic-regression",
        CandidateKind.RandomForest => "random-forest",
        _ => "boosted-trees",
    };
}
