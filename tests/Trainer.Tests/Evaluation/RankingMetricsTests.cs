using FraudActors.Trainer.Evaluation;

namespace FraudActors.Trainer.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    [Fact]
    public void Roc_auc_equals_pair_counting_on_random_data_with_ties()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var (scores, labels) = RandomRows(random, random.Next(2, 120));
            var expected = PairCountingAuc(scores, labels);
            var actual = RankingMetrics.RocAuc(scores, labels);
            if (double.IsNaN(expected))
            {
                actual.Should().Be(double.NaN);
            }
            else
            {
                actual.Should().BeApproximately(expected, 1e-12);
            }
        }
    }

    [Fact]
    public void Average_precision_equals_threshold_by_threshold_reference()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var (scores, labels) = RandomRows(random, random.Next(1, 120));
            var expected = ReferenceAveragePrecision(scores, labels);
            var actual = RankingMetrics.AveragePrecision(scores, labels);
            if (double.IsNaN(expected))
            {
                actual.Should().Be(double.NaN);
            }
            else
            {
                actual.Should().BeApproximately(expected, 1e-12);
            }
        }
    }

    [Fact]
    public void Perfect_and_inverted_rankings_have_known_values()
    {
        float[] scores = [0.9f, 0.8f, 0.2f, 0.1f];
        bool[] labels = [true, true, false, false];
        RankingMetrics.RocAuc(scores, labels).Should().Be(1.0);
        RankingMetrics.AveragePrecision(scores, labels).Should().Be(1.0);
        bool[] inverted = [false, false, true, true];
        RankingMetrics.RocAuc(scores, inverted).Should().Be(0.0);
        RankingMetrics.AveragePrecision(scores, inverted).Should().BeApproximately((0.5 * (1.0 / 3)) + (0.5 * 0.5), 1e-12);
    }

    [Fact]
    public void Max_f1_threshold_is_the_best_of_all_thresholds()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 100; trial++)
        {
            var (scores, labels) = RandomRows(random, random.Next(5, 80));
            if (!labels.Contains(true))
            {
                continue;
            }

            var chosen = ThresholdSelector.Choose(scores, labels, 1, ThresholdPolicy.MaxF1, 0);
            var bestF1 = scores.Distinct().Max(t => ConfusionMatrix.At(scores, labels, t).F1);
            ConfusionMatrix.At(scores, labels, chosen).F1.Should().BeApproximately(bestF1, 1e-12);
        }
    }

    [Fact]
    public void Alert_budget_threshold_never_exceeds_the_budget()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 100; trial++)
        {
            var (scores, labels) = RandomRows(random, random.Next(20, 200));
            var chosen = ThresholdSelector.Choose(scores, labels, 2, ThresholdPolicy.AlertBudget, 5);
            scores.Count(s => s >= chosen).Should().BeLessThanOrEqualTo(10);
        }
    }

    private static (float[] Scores, bool[] Labels) RandomRows(Random random, int n)
    {
        var scores = new float[n];
        var labels = new bool[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < 0.3;
            // Few distinct values so ties are common.
            scores[i] = (random.Next(0, 10) + (labels[i] ? 2 : 0)) / 12f;
        }

        return (scores, labels);
    }

    private static double PairCountingAuc(float[] scores, bool[] labels)
    {
        double wins = 0;
        long pairs = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            for (var j = 0; j < scores.Length; j++)
            {
                if (labels[i] && !labels[j])
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }

        return pairs == 0 ? double.NaN : wins / pairs;
    }

    private static double ReferenceAveragePrecision(float[] scores, bool[] labels)
    {
        var positives = labels.Count(l => l);
        if (positives == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        double previousRecall = 0;
        foreach (var threshold in scores.Distinct().OrderByDescending(s => s))
        {
            var m = ConfusionMatrix.At(scores, labels, threshold);
            sum += (m.Recall - previousRecall) * m.Precision;
            previousRecall = m.Recall;
        }

        return sum;
    }
}
