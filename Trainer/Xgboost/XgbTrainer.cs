namespace FraudActors.Trainer.Xgboost;

/// <summary>The boosting loop with early stopping on a validation metric (XGBoost's <c>xgb.train</c> in miniature).</summary>
internal static class XgbTrainer
{
    /// <summary>
    /// Trains for up to <paramref name="rounds"/> rounds. With a <paramref name="validation"/> set and
    /// <paramref name="earlyStoppingRounds"/> &gt; 0, stops once the metric has not improved for that many rounds and
    /// returns a booster cut back to the best round, so every consumer (including the managed evaluator) scores
    /// with the model that was selected. Without early stopping all rounds are kept and the best round is only reported.
    /// </summary>
    /// <param name="metric">An XGBoost <c>eval_metric</c>, e.g. "aucpr", "auc", "logloss"; auc/aucpr/map/ndcg/pre are maximised, others minimised.</param>
    public static XgbTrainingResult Train(
        XgbDataset train,
        XgbDataset? validation,
        IReadOnlyDictionary<string, string> parameters,
        int rounds,
        int earlyStoppingRounds = 0,
        string metric = "aucpr",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        ArgumentOutOfRangeException.ThrowIfNegative(earlyStoppingRounds);
        ArgumentException.ThrowIfNullOrEmpty(metric);
        if (train.Labels.IsEmpty)
        {
            throw new ArgumentException("The training set needs labels.", nameof(train));
        }

        var earlyStopping = validation is not null && earlyStoppingRounds > 0;
        var monitored = validation ?? train;
        var monitoredName = validation is null ? "train" : "valid";
        var maximise = IsMaximised(metric);
        var history = new List<double>(rounds);
        var bestIteration = -1;
        var bestScore = double.NaN;

        var booster = CreateBooster(parameters, metric, train, validation);
        try
        {
            for (var iteration = 0; iteration < rounds; iteration++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                booster.UpdateOneIter(iteration, train);
                var score = MetricOf(booster.EvalOneIter(iteration, (monitoredName, monitored)), metric);
                history.Add(score);
                if (bestIteration < 0 || (maximise ? score > bestScore : score < bestScore))
                {
                    bestIteration = iteration;
                    bestScore = score;
                }
                else if (earlyStopping && iteration - bestIteration >= earlyStoppingRounds)
                {
                    break;
                }
            }

            if (earlyStopping && bestIteration + 1 < booster.BoostedRounds)
            {
                var best = CutBack(booster, parameters, metric, train, validation, bestIteration + 1);
                booster.Dispose();
                booster = best;
            }
        }
        catch
        {
            booster.Dispose();
            throw;
        }

        return new XgbTrainingResult(booster, bestIteration, bestScore, metric, history);
    }

    /// <summary>auc, aucpr, map, ndcg and pre (optionally with @k) improve upwards; every other XGBoost metric downwards.</summary>
    internal static bool IsMaximised(string metric)
    {
        var name = metric.Split('@')[0];
        return name is "auc" or "aucpr" or "map" or "ndcg" or "pre";
    }

    private static XgbBooster CreateBooster(IReadOnlyDictionary<string, string> parameters, string metric, XgbDataset train, XgbDataset? validation)
    {
        var booster = validation is null ? XgbBooster.Create(parameters, train) : XgbBooster.Create(parameters, train, validation);
        if (!parameters.TryGetValue("eval_metric", out var configured) || configured != metric)
        {
            // eval_metric accumulates, so this adds the monitored metric next to any the caller chose.
            booster.SetParameter("eval_metric", metric);
        }

        return booster;
    }

    private static XgbBooster CutBack(
        XgbBooster booster,
        IReadOnlyDictionary<string, string> parameters,
        string metric,
        XgbDataset train,
        XgbDataset? validation,
        int keepRounds)
    {
        if (!parameters.TryGetValue("booster", out var kind) || kind is "gbtree" or "dart")
        {
            return booster.Slice(0, keepRounds);
        }

        // gblinear cannot be sliced (its rounds all update one weight vector), so replay the kept rounds.
        var replay = CreateBooster(parameters, metric, train, validation);
        try
        {
            for (var iteration = 0; iteration < keepRounds; iteration++)
            {
                replay.UpdateOneIter(iteration, train);
            }
        }
        catch
        {
            replay.Dispose();
            throw;
        }

        return replay;
    }

    private static double MetricOf(IReadOnlyList<XgbMetric> figures, string metric)
    {
        foreach (var figure in figures)
        {
            if (figure.Metric == metric)
            {
                return figure.Value;
            }
        }

        throw new InvalidOperationException($"XGBoost did not report metric '{metric}'.");
    }
}
