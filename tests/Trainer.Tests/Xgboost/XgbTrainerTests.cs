using FraudActors.Grains.Scoring;
using FraudActors.Trainer.Xgboost;

namespace FraudActors.Trainer.Tests.Xgboost;

public sealed class XgbTrainerTests
{
    [Fact]
    public void Early_stopping_returns_the_booster_cut_back_to_the_best_round()
    {
        var train = SyntheticRows.Generate(3_000, 12, seed: 21);
        var valid = SyntheticRows.Generate(1_500, 12, seed: 22);
        using var trainSet = XgbDataset.FromDense(train.Values, train.Rows, train.Columns, train.Labels);
        using var validSet = XgbDataset.FromDense(valid.Values, valid.Rows, valid.Columns, valid.Labels);

        // A high learning rate on deep trees overfits fast, so the validation aucpr peaks early.
        var parameters = XgbParameters.GradientBoostedTrees(maxDepth: 8, learningRate: 0.8);
        var result = XgbTrainer.Train(trainSet, validSet, parameters, rounds: 200, earlyStoppingRounds: 5, metric: "aucpr");
        using var booster = result.Booster;

        result.History.Count.Should().BeLessThan(200, "training stops once aucpr stalls");
        result.History.Count.Should().Be(result.BestIteration + 6);
        result.BestScore.Should().Be(result.History.Max());
        booster.BoostedRounds.Should().Be(result.BestIteration + 1);
        booster.Evaluate(result.BestIteration, validSet, "aucpr").Should().BeApproximately(result.BestScore, 1e-6);

        var managed = GradientBoostedModel.FromXgboostJson(booster.SaveJson());
        managed.TreeCount.Should().Be(result.BestIteration + 1);
        var expected = booster.PredictMargin(validSet);
        for (var row = 0; row < valid.Rows; row++)
        {
            managed.PredictMargin(valid.Row(row)).Should().Be(expected[row]);
        }
    }

    [Fact]
    public void Gblinear_early_stopping_replays_the_kept_rounds()
    {
        var train = SyntheticRows.Generate(2_000, 8, seed: 23, missingRate: 0);
        var valid = SyntheticRows.Generate(1_000, 8, seed: 24, missingRate: 0);
        using var trainSet = XgbDataset.FromDense(train.Values, train.Rows, train.Columns, train.Labels);
        using var validSet = XgbDataset.FromDense(valid.Values, valid.Rows, valid.Columns, valid.Labels);

        var result = XgbTrainer.Train(trainSet, validSet, XgbParameters.LogisticRegression(), rounds: 300, earlyStoppingRounds: 3, metric: "logloss");
        using var booster = result.Booster;

        booster.Evaluate(result.BestIteration, validSet, "logloss").Should().BeApproximately(result.BestScore, 1e-6);
        result.BestScore.Should().Be(result.History.Min());
    }

    [Fact]
    public void Saved_json_reloads_to_the_same_predictions()
    {
        var data = SyntheticRows.Generate(1_000, 6, seed: 25);
        using var set = XgbDataset.FromDense(data.Values, data.Rows, data.Columns, data.Labels);
        var result = XgbTrainer.Train(set, null, XgbParameters.GradientBoostedTrees(maxDepth: 3), rounds: 10, metric: "auc");
        using var original = result.Booster;
        using var reloaded = XgbBooster.LoadJson(original.SaveJson());

        reloaded.PredictMargin(set).Should().Equal(original.PredictMargin(set));
        reloaded.FeatureCount.Should().Be(6);
        reloaded.BoostedRounds.Should().Be(10);
        XgbBooster.Load(original.SaveModel("ubj")).PredictMargin(set).Should().Equal(original.PredictMargin(set));
        original.DumpModel(withStats: true).Should().HaveCount(10).And.AllSatisfy(tree => tree.Should().Contain("\"cover\""));
    }

    [Fact]
    public void Evaluation_lines_parse_into_dataset_metric_and_value()
    {
        XgbBooster.ParseEvaluation("[7]\ttrain-auc:0.91\tvalid-aucpr:0.456\tvalid-error@0.7:0.12")
            .Should().Equal(
                new XgbMetric("train", "auc", 0.91),
                new XgbMetric("valid", "aucpr", 0.456),
                new XgbMetric("valid", "error@0.7", 0.12));
    }

    [Theory]
    [InlineData("aucpr", true)]
    [InlineData("auc", true)]
    [InlineData("ndcg@5", true)]
    [InlineData("logloss", false)]
    [InlineData("error", false)]
    public void Metric_direction_is_known(string metric, bool maximised) =>
        XgbTrainer.IsMaximised(metric).Should().Be(maximised);
}
