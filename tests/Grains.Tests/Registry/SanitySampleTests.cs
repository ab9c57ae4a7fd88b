using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Registry;
using FraudActors.Tests.Shared;

namespace FraudActors.Grains.Tests.Registry;

public sealed class SanitySampleTests
{
    [Fact]
    public void The_sample_is_deterministic_and_ends_with_the_extreme_rows()
    {
        var package = LinearPackages.Create();
        var width = package.Schema.Count;

        var first = SanitySample.Build(package, 500, seed: 3);
        var second = SanitySample.Build(package, 500, seed: 3);
        var other = SanitySample.Build(package, 500, seed: 4);

        first.Length.Should().Be((500 + SanitySample.ExtremeValues.Count) * width);
        first.Should().Equal(second);
        first.Should().NotEqual(other);
        for (var e = 0; e < SanitySample.ExtremeValues.Count; e++)
        {
            first.AsSpan((500 + e) * width, width).ToArray().Should().OnlyContain(v => v.Equals(SanitySample.ExtremeValues[e]));
        }
    }

    [Theory]
    [InlineData(new float[] { 0f, 1f, 10f }, new[] { 0.1, 0.2, 0.3, 0.4 }, 0.1)]
    [InlineData(new float[] { -5f }, new[] { 0.9, 0.1 }, 0.0)]
    [InlineData(new float[] { -1.5f, 0f, 0.1f, float.PositiveInfinity }, new[] { 0.1, 0.2, 0.3, 0.4, 0.0 }, 0.5)]
    [InlineData(new float[] { }, new[] { 1.0 }, 0.25)]
    public void Drawn_values_follow_the_histogram_shares_and_missing_share(float[] edges, double[] shares, double missing)
    {
        // The slow, obvious reference: bin every drawn value with the histogram's own BinOf and count.
        var histogram = new FeatureHistogram("amount_zscore", edges, shares, missing);
        var package = LinearPackages.Create() with { Reference = [histogram] };
        var column = package.Schema.Features.ToList().IndexOf("amount_zscore");
        const int rows = 20_000;

        var sample = SanitySample.Build(package, rows, seed: 9);

        var counts = new double[shares.Length];
        var nan = 0;
        for (var i = 0; i < rows; i++)
        {
            var value = sample[(i * package.Schema.Count) + column];
            if (float.IsNaN(value))
            {
                nan++;
                continue;
            }

            float.IsFinite(value).Should().BeTrue();
            counts[histogram.BinOf(value)]++;
        }

        ((double)nan / rows).Should().BeApproximately(missing, 0.015);
        var present = rows - nan;
        for (var bin = 0; bin < shares.Length; bin++)
        {
            (counts[bin] / present).Should().BeApproximately(shares[bin], 0.015, $"bin {bin}");
        }
    }
}
