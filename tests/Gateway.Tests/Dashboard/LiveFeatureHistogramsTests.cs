using FraudActors.Gateway.Dashboard;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Drift;

namespace FraudActors.Gateway.Tests.Dashboard;

/// <summary>
/// Drift counts against a slow, obviously-right reference: bins found by a linear scan of the edges, PSI summed from
/// its definition; plus the memory bound (halving) and the score histogram's bins.
/// </summary>
public sealed class LiveFeatureHistogramsTests
{
    private const string Unknown = "not_a_feature_of_the_row";
    private static readonly string[] Features = [.. FeatureSchema.CardBehaviour.Features];

    [Fact]
    public void Psi_per_feature_matches_a_brute_force_computation()
    {
        for (var seed = 1; seed <= 100; seed++)
        {
            var random = new Random(seed);
            var package = Package(random);
            var live = new LiveFeatureHistograms(package, capacity: 1_000_000);
            var rows = new List<(float[] Row, float Score)>();
            var shift = (float)random.NextDouble() * 2;
            for (var n = 0; n < 300; n++)
            {
                var row = new float[Features.Length];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = random.Next(20) == 0 ? float.NaN : (float)(random.NextDouble() * 10) + (c % 3 == 0 ? shift : 0);
                }

                var score = (float)random.NextDouble();
                rows.Add((row, score));
                live.Add(row, score);
            }

            var panel = live.ToPanel();
            panel.Samples.Should().Be(rows.Count);
            panel.Features.Should().HaveCount(package.Reference.Count - 1, "a reference of a feature the row does not hold is skipped");
            foreach (var reference in package.Reference.Where(r => r.Feature != Unknown))
            {
                var column = Array.IndexOf(Features, reference.Feature);
                var expected = BruteForcePsi(reference, rows.Select(r => column < 0 ? r.Score : r.Row[column]));
                panel.Features.Single(f => f.Feature == reference.Feature).Psi.Should().BeApproximately(expected, 1e-9, reference.Feature);
            }

            panel.Features.Select(f => f.Psi).Should().BeInDescendingOrder();
            panel.Warnings.Should().Be(panel.Features.Count(f => f.Psi > PopulationStability.WarningLevel));
        }
    }

    [Fact]
    public void Same_distribution_is_stable_and_a_shifted_one_warns()
    {
        var random = new Random(11);
        var package = Package(random);
        var same = new LiveFeatureHistograms(package);
        var shifted = new LiveFeatureHistograms(package);
        for (var n = 0; n < 5_000; n++)
        {
            var row = Row(random, 0);
            same.Add(row, (float)random.NextDouble());
            shifted.Add(Row(random, 4), (float)random.NextDouble());
        }

        same.ToPanel().Warnings.Should().Be(0, "live values drawn like the reference");
        shifted.ToPanel().Features.Where(f => f.Feature != "score").Should().OnlyContain(f => f.Warning, "every feature moved by 40 % of its range");
    }

    [Fact]
    public void Counts_stay_bounded_by_halving_and_keep_their_proportions()
    {
        var random = new Random(5);
        var live = new LiveFeatureHistograms(Package(random), capacity: 1_000);
        for (var n = 0; n < 10_000; n++)
        {
            live.Add(Row(random, 0), (float)random.NextDouble());
            live.Samples.Should().BeLessThan(1_000);
        }

        live.Samples.Should().BeGreaterThanOrEqualTo(500);
        live.ToPanel().Warnings.Should().Be(0, "halving keeps the shape of the distribution");
    }

    [Fact]
    public void A_model_whose_schema_the_row_cannot_fill_gets_score_drift_only()
    {
        var random = new Random(3);
        var package = Package(random) with { Schema = FeatureSchema.EuropeanColumns };
        var live = new LiveFeatureHistograms(package);
        live.Add(Row(random, 0), 0.3f);
        live.ToPanel().Features.Select(f => f.Feature).Should().Equal("score");
    }

    [Fact]
    public void Score_bins_are_twenty_equal_slices_of_the_unit_interval()
    {
        for (var i = 0; i <= 1_000_000; i += 7)
        {
            var probability = i / 1_000_000f;
            var expected = Enumerable.Range(0, LiveDistributions.ScoreBins).Last(b => probability >= b / (float)LiveDistributions.ScoreBins);
            LiveDistributions.ScoreBin(probability).Should().Be(Math.Min(expected, LiveDistributions.ScoreBins - 1));
        }

        LiveDistributions.ScoreBin(1f).Should().Be(LiveDistributions.ScoreBins - 1);
        LiveDistributions.ScoreBin(float.NaN).Should().Be(0);
    }

    private static float[] Row(Random random, float shift)
    {
        var row = new float[Features.Length];
        for (var c = 0; c < row.Length; c++)
        {
            // Missing as often as in the reference, so only the shift moves the index.
            row[c] = random.Next(25) == 0 ? float.NaN : (float)(random.NextDouble() * 10) + shift;
        }

        return row;
    }

    private static ModelPackage Package(Random random)
    {
        var references = new List<FeatureHistogram>();
        foreach (var feature in Features.Take(6))
        {
            var values = Enumerable.Range(0, 2_000).Select(_ => random.Next(25) == 0 ? float.NaN : (float)(random.NextDouble() * 10)).ToArray();
            references.Add(ReferenceHistograms.Build(feature, values));
        }

        references.Add(ReferenceHistograms.Build("score", Enumerable.Range(0, 2_000).Select(_ => (float)random.NextDouble()).ToArray()));
        references.Add(ReferenceHistograms.Build(Unknown, [1f, 2f, 3f]));
        return new ModelPackage("card-behaviour", 3, "gbtree", FeatureSchema.CardBehaviour, "{}", new DecisionThresholds(0.3f, 0.8f),
            new Dictionary<string, double>(), Lineage, references, DateTimeOffset.UnixEpoch);
    }

    private static ModelLineage Lineage { get; } = new("test", "hash", 1, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0);

    private static double BruteForcePsi(FeatureHistogram reference, IEnumerable<float> values)
    {
        var counts = new long[reference.Shares.Count];
        long missing = 0, total = 0;
        foreach (var value in values)
        {
            total++;
            if (float.IsNaN(value))
            {
                missing++;
                continue;
            }

            var bin = 0;
            while (bin < reference.Edges.Count && value >= reference.Edges[bin])
            {
                bin++;
            }

            counts[bin]++;
        }

        static double Term(double expected, double actual)
        {
            expected = Math.Max(expected, 1e-4);
            actual = Math.Max(actual, 1e-4);
            return (actual - expected) * Math.Log(actual / expected);
        }

        var psi = Term(reference.MissingShare, (double)missing / total);
        for (var i = 0; i < counts.Length; i++)
        {
            psi += Term(reference.Shares[i] * (1 - reference.MissingShare), (double)counts[i] / total);
        }

        return psi;
    }
}
