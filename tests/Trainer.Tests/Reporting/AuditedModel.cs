using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Features;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Audit.Sqlite;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Silo.Streaming;
using FraudActors.Tests.Shared;
using FraudActors.Trainer.Tests.Xgboost;
using FraudActors.Trainer.Xgboost;

namespace FraudActors.Trainer.Tests.Reporting;

/// <summary>
/// A tiny XGBoost model on 26 synthetic columns, published into a fresh SQLite registry, and decisions it
/// really made (scored with the scoring grain's code) audited into the same file through the audit sink.
/// </summary>
public sealed class AuditedModel : IAsyncLifetime
{
    public const int Decisions = 200;

    private readonly string _directory = Directory.CreateTempSubdirectory("fa-replay-").FullName;

    public string DatabasePath => Path.Combine(_directory, "fraudactors.db");

    internal ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public static string Id(int i) => $"replay-{i:D4}";

    public async Task InitializeAsync()
    {
        var train = SyntheticRows.Generate(2_000, ModelInput.Width, seed: 31);
        string booster;
        using (var data = XgbDataset.FromDense(train.Values, train.Rows, train.Columns, train.Labels))
        {
            using var result = XgbTrainer.Train(data, validation: null, XgbParameters.GradientBoostedTrees(maxDepth: 4, learningRate: 0.3), 20, metric: "logloss").Booster;
            booster = result.SaveJson();
        }

        var day = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var package = new ModelPackage(
            ScoringGrain.CardBehaviourModel, 0, "gbtree", FeatureSchema.CardBehaviour, booster, new DecisionThresholds(0.4f, 0.7f),
            new Dictionary<string, double>(),
            new ModelLineage("synthetic", new string('0', 64), 31, new Dictionary<string, string>(), day, day, day, day, day, day, 0),
            [], day);
        var registry = await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = DatabasePath });
        await using (registry)
        {
            await registry.PublishAsync(package, "test", "replay fixture");
            package = (await registry.GetAsync(ScoringGrain.CardBehaviourModel, 1))!;
        }

        var model = LoadedModel.From(package);
        var rows = SyntheticRows.Generate(Decisions, ModelInput.Width, seed: 32);
        var options = new AuditOptions { SqlitePath = DatabasePath, SpillDirectory = Path.Combine(_directory, "spill"), BatchSize = 1_000, BufferCapacity = 1_000 };
        using var sink = new AuditSink(Microsoft.Extensions.Options.Options.Create(options), Clock);
        var input = new float[ModelInput.Width];
        for (var i = 0; i < Decisions; i++)
        {
            var (card, merchant) = FeaturesOf(rows.Row(i));
            ModelInput.Write(card, merchant, input);
            var transaction = new CardTransaction(Id(i), "card-1", Clock.GetUtcNow(), 10m, "EUR", "m-1", MerchantCategories.Names[0], Channel.Online);
            var outcome = new TransactionOutcome(Id(i), "card-1", FeatureOutcome.Applied, card, merchant, ScoringGrain.Score(model, input));
            sink.Accept(new StreamRecord(0, i, transaction, Clock.GetTimestamp()), outcome);
        }

        using var store = SqliteAuditStore.Open(DatabasePath);
        var batch = new List<Grains.Abstractions.Audit.AuditedDecision>();
        while (sink.Reader.TryRead(out var row))
        {
            batch.Add(row);
        }

        await store.WriteAsync(batch, CancellationToken.None);

        // The report's window ends now (exclusive): the decisions are a minute old.
        Clock.Advance(TimeSpan.FromMinutes(1));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The card's and merchant's features whose model input is <paramref name="row"/>.</summary>
    private static (CardFeatures Card, MerchantFeatures Merchant) FeaturesOf(ReadOnlySpan<float> row)
    {
        var card = new CardFeatures
        {
            Amount = row[0], IsOnline = row[1], TxCount10m = row[2], TxCount1h = row[3], TxCount24h = row[4], AmountSum10m = row[5],
            AmountMean24h = row[6], TxCount7d = row[7], AmountMean7d = row[8], TxCount30d = row[9], AmountMean30d = row[10],
            AmountZScore = row[11], DistinctCities1h = row[12], SecondsSincePrevious = row[13], SpeedKmh = row[14],
            NewMerchantCategory = row[15], NewDevice = row[16], HourOfDay = row[17], IsWeekend = row[18], MerchantCategoryRisk = row[19],
        };
        var merchant = new MerchantFeatures
        {
            TxCount1d = row[20], TxCount7d = row[21], TxCount30d = row[22], Risk1d = row[23], Risk7d = row[24], Risk30d = row[25],
        };
        return (card, merchant);
    }
}
