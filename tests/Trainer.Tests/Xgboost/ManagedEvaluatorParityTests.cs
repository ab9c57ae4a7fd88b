using FraudActors.Grains.Scoring;

namespace FraudActors.Trainer.Tests.Xgboost;

/// <summary>
/// The managed evaluator against XGBoost itself, on 10,000 unseen rows with ~10% missing values, for every
/// model candidate: boosted trees, a random forest and logistic regression.
/// </summary>
public sealed class ManagedEvaluatorParityTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    public static TheoryData<string> Candidates => ["boosted", "shallow", "forest", "linear"];

    private ModelUnderTest Pick(string candidate) => candidate switch
    {
        "boosted" => models.Boosted,
        "shallow" => models.Shallow,
        "forest" => models.Forest,
        _ => models.Linear,
    };

    [Theory]
    [MemberData(nameof(Candidates))]
    public void Margins_are_bit_identical_to_xgboost(string candidate)
    {
        var model = Pick(candidate);
        var expected = model.Native.PredictMargin(models.TestSet);
        expected.Should().HaveCount(models.Test.Rows);

        var mismatches = 0;
        var firstMismatch = string.Empty;
        for (var row = 0; row < models.Test.Rows; row++)
        {
            var actual = model.Managed.PredictMargin(models.Test.Row(row));
            if (BitConverter.SingleToInt32Bits(actual) != BitConverter.SingleToInt32Bits(expected[row]) && actual != expected[row])
            {
                if (mismatches++ == 0)
                {
                    firstMismatch = $"row {row}: managed {actual:R}, xgboost {expected[row]:R}";
                }
            }
        }

        mismatches.Should().Be(0, $"{model} must score exactly like XGBoost ({firstMismatch})");
    }

    [Theory]
    [MemberData(nameof(Candidates))]
    public void Batch_margins_equal_single_row_margins(string candidate)
    {
        var model = Pick(candidate).Managed;
        var margins = new float[models.Test.Rows];
        model.PredictMargins(models.Test.Values, models.Test.Rows, margins);
        for (var row = 0; row < models.Test.Rows; row += 7)
        {
            margins[row].Should().Be(model.PredictMargin(models.Test.Row(row)));
        }
    }

    [Theory]
    [MemberData(nameof(Candidates))]
    public void Probabilities_match_xgboost_and_stay_in_unit_interval(string candidate)
    {
        var model = Pick(candidate);
        var expected = model.Native.PredictProbability(models.TestSet);
        var worst = 0f;
        for (var row = 0; row < models.Test.Rows; row++)
        {
            var probability = model.Managed.PredictProbability(models.Test.Row(row));
            probability.Should().BeInRange(0f, 1f);
            worst = Math.Max(worst, Math.Abs(probability - expected[row]));
        }

        worst.Should().BeLessThanOrEqualTo(1e-7f, $"{model} probabilities follow XGBoost's float32 sigmoid");
    }

    [Theory]
    [MemberData(nameof(Candidates))]
    public void Approximate_contributions_match_xgboost_and_sum_to_the_margin(string candidate)
    {
        var model = Pick(candidate);
        var width = TrainedModels.Columns + 1;
        var expected = model.Native.PredictContributions(models.TestSet, approximate: true);
        expected.Should().HaveCount(models.Test.Rows * width);

        var contributions = new float[width];
        var worstVsXgboost = 0f;
        var worstSum = 0.0;
        for (var row = 0; row < models.Test.Rows; row++)
        {
            model.Managed.Contributions(models.Test.Row(row), contributions);
            var sum = 0.0;
            for (var i = 0; i < width; i++)
            {
                worstVsXgboost = Math.Max(worstVsXgboost, Math.Abs(contributions[i] - expected[(row * width) + i]));
                sum += contributions[i];
            }

            var margin = model.Managed.PredictMargin(models.Test.Row(row));
            worstSum = Math.Max(worstSum, Math.Abs(sum - margin) / Math.Max(1.0, Math.Abs(margin)));
        }

        worstVsXgboost.Should().BeLessThanOrEqualTo(1e-5f, $"{model} attribution mirrors XGBoost's approx_contribs");
        worstSum.Should().BeLessThan(1e-4, "contributions plus bias add up to the margin");
    }

    [Fact]
    public void Random_forest_keeps_every_parallel_tree()
    {
        models.Forest.Managed.TreeCount.Should().Be(30);
        models.Forest.Native.BoostedRounds.Should().Be(1);
        models.Boosted.Managed.TreeCount.Should().Be(50);
        models.Linear.Managed.Kind.Should().Be(BoosterKind.Linear);
        models.Shallow.Managed.BaseScore.Should().Be(0.03f);
    }

    [Fact]
    public void Inplace_single_row_prediction_equals_dmatrix_prediction()
    {
        var model = models.Boosted;
        var expected = model.Native.PredictMargin(models.TestSet);
        using var predictor = model.Native.CreateInplacePredictor(TrainedModels.Columns);
        for (var row = 0; row < 500; row++)
        {
            predictor.Predict(models.Test.Row(row)).Should().Be(expected[row]);
        }

        model.Native.PredictDenseRow(models.Test.Row(3)).Should().Be(expected[3]);
        model.Native.PredictDense(models.Test.Values, models.Test.Rows, TrainedModels.Columns).Should().Equal(expected);
        model.Native.PredictDenseRow(models.Test.Row(3), margin: false)
            .Should().BeApproximately(model.Managed.PredictProbability(models.Test.Row(3)), 1e-7f);
    }

    [Fact]
    public void Top_contributions_are_the_largest_in_magnitude()
    {
        var contributions = new float[TrainedModels.Columns + 1];
        models.Boosted.Managed.Contributions(models.Test.Row(0), contributions);
        Span<FeatureContribution> top = stackalloc FeatureContribution[3];
        GradientBoostedModel.TopContributions(contributions, top).Should().Be(3);

        var ranked = contributions[..^1].Select((value, feature) => (feature, value))
            .OrderByDescending(c => Math.Abs(c.value)).ThenBy(c => c.feature).Take(3).ToArray();
        top.ToArray().Select(c => c.Feature).Should().Equal(ranked.Select(c => c.feature));
    }
}
