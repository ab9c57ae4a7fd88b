using BenchmarkDotNet.Attributes;
using FraudActors.Grains.Scoring;
using FraudActors.Trainer.Xgboost;

namespace FraudActors.Benchmarks.Scoring;

/// <summary>
/// Single-row latency of the managed evaluator against XGBoost's own in-place prediction (nthread = 1) on a
/// realistic model — 200 rounds of depth-6 trees on 20 features — plus batch throughput and attribution cost.
/// Rows rotate through 1,024 held-out rows (10% missing) so neither side scores one memorised path.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int Features = 20;
    private const int RowPool = 1_024;
    private const int BatchRows = 10_000;

    private XgbBooster booster = null!;
    private XgbInplacePredictor inplace = null!;
    private GradientBoostedModel model = null!;
    private float[] rows = null!;
    private float[] batch = null!;
    private float[] margins = null!;
    private float[] contributions = null!;
    private FeatureContribution[] top = null!;
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        booster = XgbBooster.LoadJson(TrainedModelJson(), threads: 1);
        model = GradientBoostedModel.FromXgboostJson(booster.SaveJson());
        if (model.TreeCount != 200)
        {
            throw new InvalidOperationException($"Expected 200 trees, found {model.TreeCount}.");
        }

        inplace = booster.CreateInplacePredictor(Features);

        rows = Synthetic(RowPool, seed: 2, out _);
        batch = Synthetic(BatchRows, seed: 3, out _);
        margins = new float[BatchRows];
        contributions = new float[Features + 1];
        top = new FeatureContribution[3];

        var row = Row();
        if (model.PredictMargin(row) != inplace.Predict(row))
        {
            throw new InvalidOperationException("The managed evaluator disagrees with XGBoost; the benchmark would be meaningless.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        inplace.Dispose();
        booster.Dispose();
    }

    [Benchmark(Baseline = true, Description = "XGBoost in-place predict, 1 row")]
    public float XgboostSingleRow() => inplace.Predict(Row());

    [Benchmark(Description = "Managed margin, 1 row")]
    public float ManagedSingleRow() => model.PredictMargin(Row());

    [Benchmark(Description = "Managed probability, 1 row")]
    public float ManagedProbability() => model.PredictProbability(Row());

    [Benchmark(Description = "Managed contributions + top 3, 1 row")]
    public int ManagedContributions()
    {
        model.Contributions(Row(), contributions);
        return GradientBoostedModel.TopContributions(contributions, top);
    }

    [Benchmark(OperationsPerInvoke = BatchRows, Description = "Managed batch, per row")]
    public void ManagedBatch() => model.PredictMargins(batch, BatchRows, margins);

    /// <summary>In-place, because XGBoost caches DMatrix predictions and would answer repeats from the cache.</summary>
    [Benchmark(OperationsPerInvoke = BatchRows, Description = "XGBoost in-place batch, per row")]
    public float[] XgboostBatch() => booster.PredictDense(batch, BatchRows, Features);

    private ReadOnlySpan<float> Row()
    {
        var index = next++ & (RowPool - 1);
        return rows.AsSpan(index * Features, Features);
    }

    /// <summary>
    /// BenchmarkDotNet runs every case in its own process; training once and caching the (deterministic, seeded)
    /// model in the temp folder keeps the 200-round training out of every process but the first.
    /// </summary>
    private static string TrainedModelJson()
    {
        var cache = Path.Combine(Path.GetTempPath(), "fraudactors-bench-gbtree-200x6-v1.json");
        if (File.Exists(cache))
        {
            return File.ReadAllText(cache);
        }

        var train = Synthetic(20_000, seed: 1, out var labels);
        using var trainSet = XgbDataset.FromDense(train, 20_000, Features, labels);
        var parameters = XgbParameters.GradientBoostedTrees(maxDepth: 6, learningRate: 0.1);
        using var trained = XgbTrainer.Train(trainSet, null, parameters, rounds: 200, metric: "logloss").Booster;
        var json = trained.SaveJson();
        var partial = cache + "." + Environment.ProcessId;
        File.WriteAllText(partial, json);
        File.Move(partial, cache, overwrite: true);
        return json;
    }

    /// <summary>Fraud-shaped features (skewed amounts, counts, flags, scores) with 10% missing values.</summary>
    private static float[] Synthetic(int count, int seed, out float[] labels)
    {
        var random = new Random(seed);
        var values = new float[count * Features];
        labels = new float[count];
        for (var r = 0; r < count; r++)
        {
            var row = values.AsSpan(r * Features, Features);
            for (var c = 0; c < Features; c++)
            {
                row[c] = (c % 4) switch
                {
                    0 => (float)Math.Exp(random.NextDouble() * 6),
                    1 => random.Next(0, 30),
                    2 => random.NextDouble() < 0.3 ? 1f : 0f,
                    _ => (float)((random.NextDouble() * 2) - 1),
                };
            }

            var logit = -2.0 + (row[0] > 100 ? 1.2 : 0) + (0.08 * row[1]) + (1.5 * row[2]) + (2 * row[3] * row[3]) + (0.5 * row[7] * row[11]);
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1f : 0f;
            for (var c = 0; c < Features; c++)
            {
                if (random.NextDouble() < 0.1)
                {
                    row[c] = float.NaN;
                }
            }
        }

        return values;
    }
}
