using BenchmarkDotNet.Attributes;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Scoring;
using FraudActors.Trainer.Xgboost;

namespace FraudActors.Benchmarks.Shadow;

/// <summary>
/// The scoring grain's work per call (<see cref="ScoringGrain.ScoreWithShadow"/>: champion probability, reasons, and
/// the shadow hand-off) with and without a challenger loaded. With one, each call also copies its row into a pooled
/// buffer and queues it; a <see cref="ShadowScorer"/> on another thread scores it with the challenger. The champion's
/// latency should not change beyond noise. Model: 100 rounds of depth-6 trees on the 26 card-behaviour features.
/// </summary>
[MemoryDiagnoser]
public class ShadowScoringBenchmarks
{
    private const int RowPool = 1_024;

    private readonly ChampionModels alone = new();
    private readonly ChampionModels shadowed = new();
    private ShadowQueue queue = null!;
    private CancellationTokenSource stop = null!;
    private Task scoring = Task.CompletedTask;
    private CardFeatures[] cards = null!;
    private MerchantFeatures[] merchants = null!;
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        var json = TrainedModelJson();
        alone.Swap(LoadedModel.From(Package(json, 1)));
        shadowed.Swap(LoadedModel.From(Package(json, 1)));
        shadowed.SwapChallenger(LoadedModel.From(Package(json, 2)));
        queue = new ShadowQueue(new ShadowOptions());
        stop = new CancellationTokenSource();
        var scorer = new ShadowScorer(queue, new ShadowStatistics(), TimeProvider.System);
        scoring = Task.Run(() => scorer.RunAsync(stop.Token));

        var random = new Random(4);
        cards = new CardFeatures[RowPool];
        merchants = new MerchantFeatures[RowPool];
        for (var i = 0; i < RowPool; i++)
        {
            cards[i] = new CardFeatures
            {
                Amount = (float)Math.Exp(random.NextDouble() * 6),
                TxCount1h = random.Next(0, 10),
                TxCount24h = random.Next(0, 40),
                AmountZScore = (float)((random.NextDouble() * 6) - 3),
                SpeedKmh = random.NextDouble() < 0.1 ? float.NaN : (float)(random.NextDouble() * 900),
                NewMerchantCategory = random.NextDouble() < 0.2 ? 1 : 0,
                HourOfDay = random.Next(0, 24),
            };
            merchants[i] = new MerchantFeatures { Risk7d = (float)random.NextDouble(), TxCount7d = random.Next(0, 500) };
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        queue.Complete();
        stop.Cancel();
        scoring.Wait(TimeSpan.FromSeconds(10));
        Console.WriteLine($"// shadow: {queue.Enqueued} queued, {queue.Scored} scored, {queue.Dropped} dropped (queue full)");
        stop.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Score, champion only")]
    public FraudScore? ChampionOnly()
    {
        var i = next++ & (RowPool - 1);
        return ScoringGrain.ScoreWithShadow(alone, queue, cards[i], merchants[i]);
    }

    [Benchmark(Description = "Score, challenger in shadow")]
    public FraudScore? WithChallenger()
    {
        var i = next++ & (RowPool - 1);
        return ScoringGrain.ScoreWithShadow(shadowed, queue, cards[i], merchants[i]);
    }

    private static ModelPackage Package(string json, int version) => new(
        "card-behaviour",
        version,
        "gbtree",
        FeatureSchema.CardBehaviour,
        json,
        new DecisionThresholds(0.3f, 0.8f),
        new Dictionary<string, double>(),
        new ModelLineage("bench", new string('0', 64), 1, new Dictionary<string, string>(), default, default, default, default, default, default, 0),
        [],
        DateTimeOffset.UnixEpoch);

    /// <summary>Trained once and cached in the temp folder (BenchmarkDotNet may run cases in separate processes).</summary>
    private static string TrainedModelJson()
    {
        var cache = Path.Combine(Path.GetTempPath(), "fraudactors-bench-card-behaviour-100x6-v1.json");
        if (File.Exists(cache))
        {
            return File.ReadAllText(cache);
        }

        const int Rows = 20_000;
        var width = FeatureSchema.CardBehaviour.Count;
        var random = new Random(1);
        var values = new float[Rows * width];
        var labels = new float[Rows];
        for (var r = 0; r < Rows; r++)
        {
            var row = values.AsSpan(r * width, width);
            for (var c = 0; c < width; c++)
            {
                row[c] = random.NextDouble() < 0.05 ? float.NaN : (float)(random.NextDouble() * (c % 3 == 0 ? 400 : 10));
            }

            var logit = -3.0 + (row[0] > 200 ? 1.5 : 0) + (0.2 * row[1]) - (0.1 * row[2]) + (0.004 * row[3]);
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1f : 0f;
        }

        using var set = XgbDataset.FromDense(values, Rows, width, labels);
        using var trained = XgbTrainer.Train(set, null, XgbParameters.GradientBoostedTrees(maxDepth: 6, learningRate: 0.1), rounds: 100, metric: "logloss").Booster;
        var json = trained.SaveJson();
        var partial = cache + "." + Environment.ProcessId;
        File.WriteAllText(partial, json);
        File.Move(partial, cache, overwrite: true);
        return json;
    }
}
