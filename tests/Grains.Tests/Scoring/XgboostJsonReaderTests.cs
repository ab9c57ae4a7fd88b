using FraudActors.Grains.Scoring;

namespace FraudActors.Grains.Tests.Scoring;

/// <summary>Models the evaluator must refuse rather than score wrongly.</summary>
public sealed class XgboostJsonReaderTests
{
    [Theory]
    [InlineData("\"num_class\": \"0\"", "\"num_class\": \"3\"", "single-output")]
    [InlineData("\"split_type\":       [0, 0, 0, 0, 0, 0]", "\"split_type\":       [1, 0, 0, 0, 0, 0]", "categorical")]
    [InlineData("\"binary:logistic\"", "\"multi:softprob\"", "multi:softprob")]
    [InlineData("\"name\": \"gbtree\"", "\"name\": \"dart\"", "dart")]
    public void Refuses_models_it_cannot_score(string original, string replacement, string message)
    {
        var json = Replace(original, replacement);
        FluentActions.Invoking(() => GradientBoostedModel.FromXgboostJson(json))
            .Should().Throw<NotSupportedException>().WithMessage($"*{message}*");
    }

    [Theory]
    [InlineData("\"split_indices\":    [0, 0, 2, 0, 0, 0]", "\"split_indices\":    [0, 0, 3, 0, 0, 0]", "feature 3")]
    [InlineData("\"left_children\":    [2, -1, 3, -1, -1, -1]", "\"left_children\":    [2, -1, 0, -1, -1, -1]", "invalid children")]
    [InlineData("\"left_children\":    [2, -1, 3, -1, -1, -1]", "\"left_children\":    [2, 9, 3, -1, -1, -1]", "invalid children")]
    [InlineData("\"sum_hessian\":      [1E1, 4E0, 6E0, 2E0, 4E0, 1E0]", "\"sum_hessian\":      [1E1, 4E0]", "different lengths")]
    [InlineData("\"base_score\": \"5E-1\", ", "", "base_score")]
    [InlineData("\"version\": [1, 7, 4]", "\"version\": [1, 7, 4", "Not an XGBoost JSON model")]
    public void Reports_malformed_models(string original, string replacement, string message)
    {
        var json = Replace(original, replacement);
        FluentActions.Invoking(() => GradientBoostedModel.FromXgboostJson(json))
            .Should().Throw<InvalidDataException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Accepts_boolean_default_left_from_older_writers()
    {
        var json = Replace("\"default_left\":     [1, 0, 0, 0, 0, 0]", "\"default_left\":     [true, false, false, false, false, false]");
        GradientBoostedModel.FromXgboostJson(json).PredictMargin([float.NaN, 0f, -1f]).Should().Be(0.625f);
    }

    private static string Replace(string original, string replacement)
    {
        HandWrittenModels.TwoTrees.Should().Contain(original);
        return HandWrittenModels.TwoTrees.Replace(original, replacement, StringComparison.Ordinal);
    }
}
