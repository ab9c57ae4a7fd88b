using FraudActors.Grains.Drift;

namespace FraudActors.Grains.Tests.Drift;

public sealed class DriftTests
{
    [Fact]
    public void Quantile_bins_hold_similar_shares_and_sum_to_one()
    {
        var random = new Random(1);
        var values = Enumerable.Range(0, 10_000).Select(_ => (float)random.NextDouble() * 100).ToArray();

        var histogram = ReferenceHistograms.Build("amount", values);

        histogram.Shares.Should().HaveCount(10);
        histogram.Shares.Sum().Should().BeApproximately(1.0, 1e-9);
        histogram.Shares.Should().OnlyContain(share => share > 0.08 && share < 0.12);
    }

    [Fact]
    public void A_flag_feature_gets_two_bins_and_missing_values_are_counted()
    {
        float[] values = [0, 0, 0, 1, 1, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN];

        var histogram = ReferenceHistograms.Build("is_online", values);

        histogram.Edges.Should().Equal(1f);
        histogram.Shares.Should().Equal(0.6, 0.4);
        histogram.MissingShare.Should().Be(0.5);
    }

    [Fact]
    public void Psi_is_zero_for_the_same_distribution_and_large_for_a_shifted_one()
    {
        var random = new Random(2);
        var reference = Enumerable.Range(0, 20_000).Select(_ => (float)random.NextDouble()).ToArray();
        var histogram = ReferenceHistograms.Build("x", reference);

        long[] Counts(IEnumerable<float> values)
        {
            var counts = new long[histogram.Shares.Count];
            foreach (var value in values)
            {
                counts[histogram.BinOf(value)]++;
            }

            return counts;
        }

        var same = Counts(Enumerable.Range(0, 20_000).Select(_ => (float)random.NextDouble()));
        var shifted = Counts(Enumerable.Range(0, 20_000).Select(_ => (float)(0.5 + (random.NextDouble() / 2))));

        PopulationStability.Index(histogram, same, 0).Should().BeLessThan(0.01);
        PopulationStability.Index(histogram, shifted, 0).Should().BeGreaterThan(PopulationStability.WarningLevel);
    }

    [Fact]
    public void Psi_matches_the_textbook_formula()
    {
        var histogram = new Abstractions.Models.FeatureHistogram("x", [0.5f], [0.5, 0.5], 0);
        long[] live = [80, 20];

        var expected = ((0.8 - 0.5) * Math.Log(0.8 / 0.5)) + ((0.2 - 0.5) * Math.Log(0.2 / 0.5)) + 0; // missing: both floored, term 0
        PopulationStability.Index(histogram, live, 0).Should().BeApproximately(expected, 1e-12);
    }
}
