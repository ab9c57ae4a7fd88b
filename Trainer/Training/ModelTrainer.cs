using System.Diagnostics;
using System.Globalization;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Drift;
using FraudActors.Grains.Features;
using FraudActors.Trainer.Evaluation;
using FraudActors.Trainer.Xgboost;

namespace FraudActors.Trainer.Training;

/// <summary>
/// Train → choose → threshold → refit → test once. Candidates are compared on validation average precision;
/// the thresholds come from validation scores; the test period is scored exactly once per variant.
/// </summary>
internal sealed class ModelTrainer(TrainingOptions options, TimeProvider time)
{
    public TrainingOutcome Train(FeatureTable table, TrainingPeriods periods, ModelLineageSource source, double featureSeconds, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var fitRows = table.RowsBetween(periods.TrainFrom, periods.ValidFrom);
        var trainRows = table.RowsBetween(periods.TrainFrom, periods.TrainTo);
        var validRows = KnownCompromisedCards.Exclude(table, table.RowsBetween(periods.ValidFrom, periods.TrainTo), periods.TrainFrom, periods.DelayDays);
        var testRows = KnownCompromisedCards.Exclude(table, table.RowsBetween(periods.TestFrom, periods.TestTo), periods.TrainFrom, periods.DelayDays);
        RequireBothClasses(table, fitRows, "fit (training minus validation days)");
        RequireBothClasses(table, validRows, "validation");
        RequireBothClasses(table, testRows, "test");

        var stopwatch = Stopwatch.StartNew();
        var candidates = new List<CandidateResult>();
        CandidateFit? best = null;
        foreach (var kind in options.Candidates)
        {
            foreach (var (variant, overrides) in CandidateParameters.Variants(kind, options.Search))
            {
                var fit = FitAndValidate(table, fitRows, validRows, kind, overrides, masked: null, variant, cancellationToken);
                candidates.Add(fit.Result);
                if (best is null || fit.Result.ValidationAveragePrecision > best.Result.ValidationAveragePrecision)
                {
                    best?.Dispose();
                    best = fit;
                }
                else
                {
                    fit.Dispose();
                }
            }
        }

        var candidateSeconds = stopwatch.Elapsed.TotalSeconds;
        using var winner = best ?? throw new InvalidOperationException("No candidate was trained.");
        var validScores = winner.ValidationScores;
        var validLabels = Labels(table, validRows);
        var days = Math.Max(1, (int)Math.Round((periods.TrainTo - periods.ValidFrom).TotalDays));
        var review = ThresholdSelector.Choose(validScores, validLabels, days, options.ReviewPolicy, options.ReviewTarget);
        var decline = Math.Max(review, ThresholdSelector.Choose(validScores, validLabels, days, ThresholdPolicy.TargetPrecision, options.DeclinePrecision));
        var thresholds = new DecisionThresholds(review, decline);

        stopwatch.Restart();
        using var model = Refit(table, trainRows, winner.Kind, winner.Overrides, winner.Result.Rounds, masked: null, cancellationToken);
        var refitSeconds = stopwatch.Elapsed.TotalSeconds;

        stopwatch.Restart();
        var validation = EvaluationReport.Of("validation", Scored(table, validRows, validScores), review, options.TopK);
        var test = EvaluationReport.Of("test", Scored(table, testRows, Predict(model, table, testRows, null)), review, options.TopK);
        var ablations = options.Ablation ? Ablate(table, fitRows, trainRows, validRows, testRows, winner, review, cancellationToken) : [];
        var evaluationSeconds = stopwatch.Elapsed.TotalSeconds;

        var reference = ReferenceFor(table, trainRows, validScores);
        var parameters = Parameters(winner.Kind, winner.Overrides, PositiveWeight(table, trainRows));
        parameters["rounds"] = winner.Result.Rounds.ToString(CultureInfo.InvariantCulture);
        parameters["smote_ratio"] = options.SmoteRatio.ToString(CultureInfo.InvariantCulture);
        parameters["review_policy"] = options.ReviewPolicy.ToString();
        var package = new ModelPackage(
            options.ModelName,
            Version: 0,
            winner.Result.Name,
            table.Schema,
            model.SaveJson(),
            thresholds,
            MetricsOf(validation, test),
            new ModelLineage(source.Description, source.Sha256, options.Seed, parameters, periods.TrainFrom, periods.TrainTo, periods.ValidFrom, periods.TrainTo, periods.TestFrom, periods.TestTo, periods.DelayDays),
            reference,
            time.GetUtcNow());

        var timings = new TrainingTimings(featureSeconds, candidateSeconds, refitSeconds, evaluationSeconds, featureSeconds + total.Elapsed.TotalSeconds);
        return new TrainingOutcome(package, periods, candidates, validation, test, ablations, timings);
    }

    private List<AblationResult> Ablate(FeatureTable table, int[] fitRows, int[] trainRows, int[] validRows, int[] testRows, CandidateFit winner, float threshold, CancellationToken cancellationToken)
    {
        (string Name, int[] Masked)[] variants =
        [
            ("without card windows", [.. ModelInput.CardWindowColumns]),
            ("without merchant windows", [.. ModelInput.MerchantWindowColumns]),
            ("transaction fields only", [.. ModelInput.CardWindowColumns, .. ModelInput.MerchantWindowColumns]),
        ];
        var results = new List<AblationResult>();
        foreach (var (name, masked) in variants)
        {
            using var fit = FitAndValidate(table, fitRows, validRows, winner.Kind, winner.Overrides, masked, name, cancellationToken);
            using var model = Refit(table, trainRows, winner.Kind, winner.Overrides, fit.Result.Rounds, masked, cancellationToken);
            var scores = Predict(model, table, testRows, masked);
            results.Add(new AblationResult(name, EvaluationReport.Of(name, Scored(table, testRows, scores), threshold, options.TopK)));
        }

        return results;
    }

    private CandidateFit FitAndValidate(FeatureTable table, int[] fitRows, int[] validRows, CandidateKind kind, Dictionary<string, string> overrides, int[]? masked, string name, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var (values, labels) = TrainingMatrix(table, fitRows, masked);
        using var train = XgbDataset.FromDense(values, labels.Length, table.Columns, labels, threads: options.Threads);
        using var valid = XgbDataset.FromDense(table.Matrix(validRows, masked), validRows.Length, table.Columns, table.Labels(validRows), threads: options.Threads);
        var parameters = Parameters(kind, overrides, PositiveWeight(table, fitRows));
        var result = XgbTrainer.Train(train, valid, parameters, CandidateParameters.Rounds(kind), options.EarlyStoppingRounds, "aucpr", cancellationToken);
        var scores = result.Booster.PredictProbability(valid);
        var validLabels = Labels(table, validRows);
        var candidate = new CandidateResult(
            name,
            result.Booster.BoostedRounds,
            RankingMetrics.AveragePrecision(scores, validLabels),
            RankingMetrics.RocAuc(scores, validLabels),
            stopwatch.Elapsed.TotalSeconds);
        return new CandidateFit(kind, overrides, result.Booster, scores, candidate);
    }

    private XgbBooster Refit(FeatureTable table, int[] trainRows, CandidateKind kind, Dictionary<string, string> overrides, int rounds, int[]? masked, CancellationToken cancellationToken)
    {
        var (values, labels) = TrainingMatrix(table, trainRows, masked);
        using var train = XgbDataset.FromDense(values, labels.Length, table.Columns, labels, threads: options.Threads);
        var parameters = Parameters(kind, overrides, PositiveWeight(table, trainRows));
        return XgbTrainer.Train(train, null, parameters, Math.Max(1, rounds), cancellationToken: cancellationToken).Booster;
    }

    private Dictionary<string, string> Parameters(CandidateKind kind, Dictionary<string, string> overrides, double positiveWeight)
    {
        var parameters = CandidateParameters.For(kind, positiveWeight, options.Seed, options.Threads);
        foreach (var (key, value) in overrides)
        {
            parameters[key] = value;
        }

        return parameters;
    }

    private (float[] Values, float[] Labels) TrainingMatrix(FeatureTable table, int[] rows, int[]? masked)
    {
        var values = table.Matrix(rows, masked);
        var labels = table.Labels(rows);
        return options.SmoteRatio > 0
            ? Smote.Oversample(values, labels, table.Columns, options.SmoteRatio, neighbours: 5, options.Seed)
            : (values, labels);
    }

    private float[] Predict(XgbBooster booster, FeatureTable table, int[] rows, int[]? masked)
    {
        using var data = XgbDataset.FromDense(table.Matrix(rows, masked), rows.Length, table.Columns, threads: options.Threads);
        return booster.PredictProbability(data);
    }

    private double PositiveWeight(FeatureTable table, int[] rows)
    {
        if (options.Weighting == ClassWeighting.None)
        {
            return 1;
        }

        long positives = 0;
        foreach (var row in rows)
        {
            if (table.LabelOf(row))
            {
                positives++;
            }
        }

        var ratio = positives == 0 ? 1 : (double)(rows.Length - positives) / positives;
        return options.Weighting == ClassWeighting.Balanced ? ratio : Math.Sqrt(ratio);
    }

    private static List<FeatureHistogram> ReferenceFor(FeatureTable table, int[] rows, float[] validationScores)
    {
        var histograms = new List<FeatureHistogram>(table.Columns + 1);
        var column = new float[rows.Length];
        for (var c = 0; c < table.Columns; c++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                column[i] = table.Row(rows[i])[c];
            }

            histograms.Add(ReferenceHistograms.Build(table.Schema.Features[c], column));
        }

        histograms.Add(ReferenceHistograms.Build("score", validationScores));
        return histograms;
    }

    private static Dictionary<string, double> MetricsOf(EvaluationReport validation, EvaluationReport test)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (prefix, report) in new[] { ("valid", validation), ("test", test) })
        {
            metrics[$"{prefix}.roc_auc"] = report.RocAuc;
            metrics[$"{prefix}.average_precision"] = report.AveragePrecision;
            metrics[$"{prefix}.card_precision_at_{report.CardPrecision.K}"] = report.CardPrecision.Mean;
            metrics[$"{prefix}.precision"] = report.AtThreshold.Precision;
            metrics[$"{prefix}.recall"] = report.AtThreshold.Recall;
            metrics[$"{prefix}.f1"] = report.AtThreshold.F1;
            metrics[$"{prefix}.rows"] = report.Rows;
            metrics[$"{prefix}.frauds"] = report.Frauds;
            metrics[$"{prefix}.cards"] = report.Cards;
        }

        return metrics;
    }

    private static bool[] Labels(FeatureTable table, int[] rows)
    {
        var labels = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            labels[i] = table.LabelOf(rows[i]);
        }

        return labels;
    }

    private static ScoredTransaction[] Scored(FeatureTable table, int[] rows, float[] scores)
    {
        var scored = new ScoredTransaction[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            scored[i] = new ScoredTransaction(table.CardNames[table.CardOf(row)], DateOnly.FromDateTime(table.TimeOf(row).UtcDateTime), scores[i], table.LabelOf(row));
        }

        return scored;
    }

    private static void RequireBothClasses(FeatureTable table, int[] rows, string period)
    {
        var frauds = 0;
        foreach (var row in rows)
        {
            if (table.LabelOf(row))
            {
                frauds++;
            }
        }

        if (frauds == 0 || frauds == rows.Length)
        {
            throw new TrainingDataException($"The {period} period has {rows.Length} rows and {frauds} frauds; it needs both frauds and genuine transactions. Check --train-start and the period lengths against the data's dates.");
        }
    }

    private sealed record CandidateFit(CandidateKind Kind, Dictionary<string, string> Overrides, XgbBooster Booster, float[] ValidationScores, CandidateResult Result) : IDisposable
    {
        public void Dispose() => Booster.Dispose();
    }
}
