using FraudActors.Grains.Scoring;
using FraudActors.Trainer.Xgboost;

namespace FraudActors.Trainer.Tests.Xgboost;

/// <summary>Trains each model candidate once per test run and keeps XGBoost's and the managed evaluator's view of it.</summary>
public sealed class TrainedModels : IDisposable
{
    public const int Columns = 20;

    public TrainedModels()
    {
        Train = SyntheticRows.Generate(4_000, Columns, seed: 11);
        Test = SyntheticRows.Generate(10_000, Columns, seed: 12);
        TrainSet = XgbDataset.FromDense(Train.Values, Train.Rows, Columns, Train.Labels);
        TestSet = XgbDataset.FromDense(Test.Values, Test.Rows, Columns, Test.Labels);

        Boosted = Candidate("gbtree depth 6", XgbParameters.GradientBoostedTrees(maxDepth: 6, learningRate: 0.3, subsample: 0.9), 50);

        var shallow = XgbParameters.GradientBoostedTrees(maxDepth: 4, learningRate: 0.1);
        shallow["base_score"] = "0.03";
        Shallow = Candidate("gbtree depth 4, base_score 0.03", shallow, 50);

        Forest = Candidate("random forest", XgbParameters.RandomForest(trees: 30, maxDepth: 6), 1);

        var linear = XgbParameters.LogisticRegression(l2: 0.5);
        linear["base_score"] = "0.2";
        Linear = Candidate("gblinear", linear, 30);
    }

    internal SyntheticRows Train { get; }

    internal SyntheticRows Test { get; }

    internal XgbDataset TrainSet { get; }

    internal XgbDataset TestSet { get; }

    internal ModelUnderTest Boosted { get; }

    internal ModelUnderTest Shallow { get; }

    internal ModelUnderTest Forest { get; }

    internal ModelUnderTest Linear { get; }

    internal IEnumerable<ModelUnderTest> All => [Boosted, Shallow, Forest, Linear];

    private ModelUnderTest Candidate(string name, Dictionary<string, string> parameters, int rounds)
    {
        var result = XgbTrainer.Train(TrainSet, validation: null, parameters, rounds, metric: "logloss");
        var managed = GradientBoostedModel.FromXgboostJson(result.Booster.SaveJson());
        return new ModelUnderTest(name, result.Booster, managed);
    }

    public void Dispose()
    {
        foreach (var model in All)
        {
            model.Native.Dispose();
        }

        TrainSet.Dispose();
        TestSet.Dispose();
    }
}
