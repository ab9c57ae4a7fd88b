using FraudActors.Trainer.Xgboost;

namespace FraudActors.Trainer.Tests.Xgboost;

public sealed class XgboostNativeErrorTests
{
    private static XgbDataset Tiny()
    {
        var data = SyntheticRows.Generate(200, 4, seed: 31);
        return XgbDataset.FromDense(data.Values, data.Rows, data.Columns, data.Labels);
    }

    [Fact]
    public void A_malformed_parameter_value_surfaces_xgboosts_message()
    {
        using var set = Tiny();
        using var booster = XgbBooster.Create(new Dictionary<string, string> { ["max_depth"] = "deep" }, set);

        var failure = FluentActions.Invoking(() => booster.UpdateOneIter(0, set)).Should().Throw<XgboostException>().Which;
        failure.Function.Should().Be("XgboostNative.XGBoosterUpdateOneIter");
        failure.NativeMessage.Should().Contain("max_depth").And.Contain("deep");
        failure.Message.Should().Contain(failure.NativeMessage);
    }

    [Fact]
    public void An_unknown_objective_is_rejected_with_its_name()
    {
        using var set = Tiny();
        using var booster = XgbBooster.Create(new Dictionary<string, string> { ["objective"] = "binary:psychic" }, set);

        FluentActions.Invoking(() => booster.UpdateOneIter(0, set))
            .Should().Throw<XgboostException>().WithMessage("*binary:psychic*");
    }

    [Fact]
    public void A_corrupt_model_buffer_is_rejected()
    {
        FluentActions.Invoking(() => XgbBooster.LoadJson("{\"learner\": 42"))
            .Should().Throw<XgboostException>().Which.NativeMessage.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Gblinear_cannot_be_sliced_and_says_so()
    {
        using var set = Tiny();
        var result = XgbTrainer.Train(set, null, XgbParameters.LogisticRegression(), rounds: 2, metric: "logloss");
        using var booster = result.Booster;
        FluentActions.Invoking(() => booster.Slice(0, 1)).Should().Throw<XgboostException>()
            .Which.NativeMessage.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Shape_mistakes_are_caught_before_reaching_xgboost()
    {
        FluentActions.Invoking(() => XgbDataset.FromDense(new float[10], 3, 4))
            .Should().Throw<ArgumentException>().WithMessage("*3 × 4*");
        FluentActions.Invoking(() => XgbDataset.FromDense(new float[12], 3, 4, labels: new float[2]))
            .Should().Throw<ArgumentException>().WithMessage("*3 labels*");
    }

    [Fact]
    public void Datasets_and_boosters_are_freed_under_a_create_dispose_loop()
    {
        var data = SyntheticRows.Generate(100, 4, seed: 32);
        for (var i = 0; i < 300; i++)
        {
            using var set = XgbDataset.FromDense(data.Values, data.Rows, data.Columns, data.Labels, weights: data.Labels.Select(l => 1f + l).ToArray());
            using var booster = XgbBooster.Create(XgbParameters.GradientBoostedTrees(maxDepth: 2), set);
            booster.UpdateOneIter(0, set);
            booster.PredictMargin(set).Should().HaveCount(100);
            using var predictor = booster.CreateInplacePredictor(4);
            float.IsFinite(predictor.Predict(data.Row(0))).Should().BeTrue();
            booster.Dispose();
            booster.Handle.IsClosed.Should().BeTrue();
        }

        // Handles nobody disposed are released by their finalizers without crashing the process.
        for (var i = 0; i < 50; i++)
        {
            _ = XgbDataset.FromDense(data.Values, data.Rows, data.Columns);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
