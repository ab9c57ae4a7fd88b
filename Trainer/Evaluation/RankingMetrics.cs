namespace FraudActors.Trainer.Evaluation;

/// <summary>Threshold-free ranking metrics over scored, labelled rows.</summary>
internal static class RankingMetrics
{
    /// <summary>
    /// ROC-AUC as the Mann–Whitney statistic: the probability that a random fraud outranks a random
    /// genuine row, ties counting one half. NaN when one class is absent.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        var order = SortDescending(scores);
        long positives = 0;
        long negatives = 0;
        double concordant = 0;
        var i = 0;
        while (i < order.Length)
        {
            // One group of tied scores: every positive in it beats the negatives seen before (higher
            // scores) and ties with the negatives inside the group.
            var j = i;
            long groupPositives = 0;
            long groupNegatives = 0;
            var score = scores[order[i]];
            while (j < order.Length && scores[order[j]].Equals(score))
            {
                if (labels[order[j]])
                {
                    groupPositives++;
                }
                else
                {
                    groupNegatives++;
                }

                j++;
            }

            // Rows scanned so far rank above; a positive below this group beats these negatives later,
            // so count from the negative side: each negative here loses to all positives above it.
            concordant += (double)groupNegatives * positives + 0.5 * groupNegatives * groupPositives;
            positives += groupPositives;
            negatives += groupNegatives;
            i = j;
        }

        return positives == 0 || negatives == 0 ? double.NaN : concordant / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision, step-wise: Σ (Rₙ − Rₙ₋₁)·Pₙ over the distinct score thresholds, highest first
    /// (tied scores form one threshold, as scikit-learn does). NaN without positives.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        var order = SortDescending(scores);
        long totalPositives = 0;
        foreach (var label in labels)
        {
            if (label)
            {
                totalPositives++;
            }
        }

        if (totalPositives == 0)
        {
            return double.NaN;
        }

        long truePositives = 0;
        long predicted = 0;
        double previousRecall = 0;
        double sum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var score = scores[order[i]];
            while (i < order.Length && scores[order[i]].Equals(score))
            {
                if (labels[order[i]])
                {
                    truePositives++;
                }

                predicted++;
                i++;
            }

            var recall = (double)truePositives / totalPositives;
            var precision = (double)truePositives / predicted;
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }

        return sum;
    }

    private static int[] SortDescending(ReadOnlySpan<float> scores)
    {
        var order = new int[scores.Length];
        var keys = new float[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            keys[i] = float.IsNaN(scores[i]) ? float.NegativeInfinity : -scores[i];
        }

        Array.Sort(keys, order);
        return order;
    }
}
