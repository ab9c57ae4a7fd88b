namespace FraudActors.Trainer.Evaluation;

/// <summary>The figures of one scored period, with the counts behind them.</summary>
internal sealed record EvaluationReport(
    string Period,
    long Rows,
    long Frauds,
    long Cards,
    long CompromisedCards,
    double RocAuc,
    double AveragePrecision,
    CardPrecisionResult CardPrecision,
    float Threshold,
    ConfusionMatrix AtThreshold)
{
    public static EvaluationReport Of(string period, IReadOnlyList<ScoredTransaction> rows, float threshold, int k)
    {
        var scores = new float[rows.Count];
        var labels = new bool[rows.Count];
        var cards = new HashSet<string>(StringComparer.Ordinal);
        var compromised = new HashSet<string>(StringComparer.Ordinal);
        long frauds = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            scores[i] = rows[i].Score;
            labels[i] = rows[i].IsFraud;
            cards.Add(rows[i].CardId);
            if (rows[i].IsFraud)
            {
                frauds++;
                compromised.Add(rows[i].CardId);
            }
        }

        return new EvaluationReport(
            period,
            rows.Count,
            frauds,
            cards.Count,
            compromised.Count,
            RankingMetrics.RocAuc(scores, labels),
            RankingMetrics.AveragePrecision(scores, labels),
            Evaluation.CardPrecision.AtK(rows, k),
            threshold,
            ConfusionMatrix.At(scores, labels, threshold));
    }
}
