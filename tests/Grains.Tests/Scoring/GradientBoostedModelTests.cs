using FraudActors.Grains.Scoring;

namespace FraudActors.Grains.Tests.Scoring;

public sealed class GradientBoostedModelTests
{
    private static readonly GradientBoostedModel TwoTrees = GradientBoostedModel.FromXgboostJson(HandWrittenModels.TwoTrees);

    [Fact]
    public void Reads_the_shape_of_a_tree_model()
    {
        TwoTrees.Kind.Should().Be(BoosterKind.Trees);
        TwoTrees.Objective.Should().Be("binary:logistic");
        TwoTrees.Transform.Should().Be(OutputTransform.Sigmoid);
        TwoTrees.FeatureCount.Should().Be(3);
        TwoTrees.TreeCount.Should().Be(2);
        TwoTrees.NodeCount.Should().Be(6, "the unreachable pruned node is dropped");
        TwoTrees.MaxDepth.Should().Be(2);
        TwoTrees.BaseScore.Should().Be(0.5f);
        TwoTrees.BaseMargin.Should().Be(0f);
    }

    [Theory]
    [InlineData(1.0f, 0f, -1.0f, 0.625f)]               // left, left: 0.5 + 0.125
    [InlineData(1.0f, 0f, 0.0f, -0.125f)]               // left, 0 is not < 0 so right: -0.25 + 0.125
    [InlineData(1.5f, 0f, -1.0f, 1.125f)]               // 1.5 is not < 1.5: right leaf 1.0 + 0.125
    [InlineData(float.NaN, 0f, -1.0f, 0.625f)]          // missing f0 defaults left
    [InlineData(float.NaN, 0f, float.NaN, -0.125f)]     // missing f2 defaults right
    [InlineData(-7f, float.NaN, float.NaN, -0.125f)]
    public void Walks_splits_and_missing_values_like_xgboost(float f0, float f1, float f2, float margin)
    {
        float[] row = [f0, f1, f2];
        TwoTrees.PredictMargin(row).Should().Be(margin);
        TwoTrees.PredictProbability(row).Should().Be(1f / (1f + MathF.Exp(-margin)));
    }

    [Fact]
    public void Credits_each_split_with_the_change_in_mean_node_value()
    {
        var contributions = new float[4];
        TwoTrees.Contributions([1.0f, 0f, -1.0f], contributions);

        // Root mean (0.5·2 − 0.25·4)/6 = 0 on the left, (0·6 + 1·4)/10 = 0.4 at the root.
        contributions.Should().Equal(-0.4f, 0f, 0.5f, 0.4f + 0.125f);
        contributions.Sum().Should().BeApproximately(TwoTrees.PredictMargin([1.0f, 0f, -1.0f]), 1e-6f);
    }

    [Fact]
    public void Reads_a_linear_model_and_skips_missing_features()
    {
        var linear = GradientBoostedModel.FromXgboostJson(HandWrittenModels.Linear);
        linear.Kind.Should().Be(BoosterKind.Linear);
        linear.TreeCount.Should().Be(0);
        linear.BaseMargin.Should().Be(-MathF.Log((1f / 0.2f) - 1f));

        float[] row = [1f, float.NaN, 2f];
        var expected = 0.25f + linear.BaseMargin;
        expected += 1f * 0.5f;
        expected += 2f * 2f;
        linear.PredictMargin(row).Should().Be(expected);

        var contributions = new float[4];
        linear.Contributions(row, contributions);
        contributions.Should().Equal(0.5f, 0f, 4f, 0.25f + linear.BaseMargin);
    }

    [Fact]
    public void Batch_scoring_matches_row_by_row_scoring()
    {
        float[] rows = [1f, 0f, -1f, 1f, 0f, 0f, 2f, 0f, 0f, float.NaN, 0f, float.NaN];
        var margins = new float[4];
        TwoTrees.PredictMargins(rows, 4, margins);
        margins.Should().Equal(0.625f, -0.125f, 1.125f, -0.125f);
    }

    [Fact]
    public void Rejects_rows_of_the_wrong_length()
    {
        FluentActions.Invoking(() => TwoTrees.PredictMargin(new float[2]))
            .Should().Throw<ArgumentException>().WithMessage("*expects 3 features, got 2*");
        FluentActions.Invoking(() => TwoTrees.PredictMargins(new float[7], 2, new float[2]))
            .Should().Throw<ArgumentException>().WithMessage("*2 rows × 3 features*");
        FluentActions.Invoking(() => TwoTrees.Contributions(new float[3], new float[3]))
            .Should().Throw<ArgumentException>().WithMessage("*plus the bias*");
    }

    [Fact]
    public void Top_contributions_rank_by_magnitude_without_the_bias()
    {
        float[] contributions = [0.1f, -0.9f, 0.3f, 0.9f, 100f];
        var top = new FeatureContribution[3];
        GradientBoostedModel.TopContributions(contributions, top).Should().Be(3);
        top.Should().Equal(new FeatureContribution(1, -0.9f), new FeatureContribution(3, 0.9f), new FeatureContribution(2, 0.3f));

        var wide = new FeatureContribution[10];
        GradientBoostedModel.TopContributions(contributions, wide).Should().Be(4);
        GradientBoostedModel.TopContributions(contributions, []).Should().Be(0);
    }

    [Fact]
    public void Top_contributions_agree_with_a_full_sort()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 300; trial++)
        {
            var contributions = Enumerable.Range(0, random.Next(1, 30)).Select(_ => (float)Math.Round(random.NextDouble() - 0.5, 1)).ToArray();
            var top = new FeatureContribution[random.Next(0, 8)];
            var written = GradientBoostedModel.TopContributions(contributions, top);

            var expected = contributions[..^1].Select((value, feature) => new FeatureContribution(feature, value))
                .OrderByDescending(c => Math.Abs(c.Value)).ThenBy(c => c.Feature).Take(top.Length).ToArray();
            top[..written].Should().Equal(expected);
        }
    }

    [Fact]
    public void Random_ensembles_score_exactly_like_the_reference_walk()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 40; trial++)
        {
            const int features = 6;
            var trees = Enumerable.Range(0, random.Next(1, 23)).Select(_ => RandomTrees.Grow(random, features, random.Next(0, 7))).ToList();
            var baseScore = (float)(0.05 + (random.NextDouble() * 0.9));
            var model = GradientBoostedModel.CreateTrees("binary:logistic", OutputTransform.Sigmoid, features, baseScore, trees);
            var reference = new ReferenceEnsemble(trees, features, model.BaseMargin);

            var rows = RandomTrees.Rows(random, 200, features);
            var margins = new float[200];
            model.PredictMargins(rows, 200, margins);
            var contributions = new float[features + 1];
            for (var row = 0; row < 200; row++)
            {
                var values = rows.AsSpan(row * features, features);
                var expected = reference.Margin(values);
                model.PredictMargin(values).Should().Be(expected, $"trial {trial}, row {row}");
                margins[row].Should().Be(expected);

                model.Contributions(values, contributions);
                contributions.Should().Equal(reference.Contributions(values), $"trial {trial}, row {row}");
            }
        }
    }

    [Fact]
    public void Logistic_base_margin_is_xgboosts_float_logit()
    {
        GradientBoostedModel.ProbabilityToMargin(0.5f).Should().Be(0f);
        GradientBoostedModel.ProbabilityToMargin(0.03f).Should().Be(-MathF.Log((1f / 0.03f) - 1f));
        FluentActions.Invoking(() => GradientBoostedModel.ProbabilityToMargin(1f)).Should().Throw<InvalidDataException>();
    }
}
