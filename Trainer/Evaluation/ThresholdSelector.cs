namespace FraudActors.Trainer.Evaluation;

/// <summary>Chooses a decision threshold on validation rows by a <see cref="ThresholdPolicy"/>.</summary>
internal static class ThresholdSelector
{
    /// <param name="scores">Validation scores.</param>
    /// <param name="labels">Validation labels.</param>
    /// <param name="days">Number of days the validation rows span (for the alert budget).</param>
    /// <param name="policy">The rule.</param>
    /// <param name="target">Target precision (0–1) or alerts per day, depending on the policy.</param>
    public static float Choose(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels, int days, ThresholdPolicy policy, double target)
    {
        var order = new int[scores.Length];
        var keys = new float[scores.Length];
        long positives = 0;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            keys[i] = -scores[i];
            if (labels[i])
            {
                positives++;
            }
        }

        Array.Sort(keys, order);
        var best = 1f;
        var bestValue = double.NegativeInfinity;
        long truePositives = 0;
        long flagged = 0;
        var alertLimit = policy == ThresholdPolicy.AlertBudget ? target * Math.Max(days, 1) : double.PositiveInfinity;
        var i2 = 0;
        while (i2 < order.Length)
        {
            var threshold = scores[order[i2]];
            while (i2 < order.Length && scores[order[i2]].Equals(threshold))
            {
                if (labels[order[i2]])
                {
                    truePositives++;
                }

                flagged++;
                i2++;
            }

            var precision = (double)truePositives / flagged;
            var recall = positives == 0 ? 0 : (double)truePositives / positives;
            switch (policy)
            {
                case ThresholdPolicy.MaxF1:
                    var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                    if (f1 > bestValue)
                    {
                        bestValue = f1;
                        best = threshold;
                    }

                    break;
                case ThresholdPolicy.TargetPrecision:
                    if (precision >= target)
                    {
                        best = threshold;
                    }

                    break;
                case ThresholdPolicy.AlertBudget:
                    if (flagged > alertLimit)
                    {
                        return best;
                    }

                    best = threshold;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(policy), policy, null);
            }
        }

        return best;
    }
}
