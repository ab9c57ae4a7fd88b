using FraudActors.Grains.Scoring;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;
using FraudActors.Trainer.Xgboost;

namespace FraudActors.Trainer.Tests.Training;

public sealed class ModelTrainerTests
{
    private static readonly TrainingOptions Quick = new()
    {
        Candidates = [CandidateKind.LogisticRegression, CandidateKind.BoostedTrees],
        Search = false,
        TrainDays = 14,
        ValidDays = 4,
        DelayDays = 7,
        TestDays = 7,
    };

    private static readonly SimulationOptions Data = new() { Seed = 3, Cards = 2_500, Merchants = 500, Days = 60 };

    [Fact]
    public void Trains_out_of_time_and_the_package_serves_the_evaluated_model()
    {
        var outcome = TrainCommand.Run(new TrainCommand.DataSource(null, Data), Quick, skipBad: false, TimeProvider.System, TextWriter.Null);

        var periods = outcome.Periods;
        periods.TrainFrom.Should().BeBefore(periods.ValidFrom);
        periods.ValidFrom.Should().BeBefore(periods.TrainTo);
        (periods.TestFrom - periods.TrainTo).Should().Be(TimeSpan.FromDays(7), "the gap equals the label delay");
        outcome.Candidates.Should().HaveCount(2);
        outcome.Package.Algorithm.Should().Be(outcome.Candidates.MaxBy(c => c.ValidationAveragePrecision)!.Name, "the best validation average precision wins");
        outcome.Test.Frauds.Should().BeGreaterThan(20);
        outcome.Test.RocAuc.Should().BeGreaterThan(0.8);
        outcome.Test.AveragePrecision.Should().BeGreaterThan(3 * ((double)outcome.Test.Frauds / outcome.Test.Rows), "far better than chance");
        outcome.Package.Thresholds.Decline.Should().BeGreaterThanOrEqualTo(outcome.Package.Thresholds.Review);
        outcome.Package.Reference.Should().HaveCount(outcome.Package.Schema.Count + 1, "one histogram per feature plus the score");

        // The managed evaluator the silo serves with reproduces XGBoost on the shipped booster.
        var loaded = LoadedModel.From(outcome.Package);
        using var booster = XgbBooster.LoadJson(outcome.Package.BoosterJson);
        var random = new Random(1);
        var row = new float[outcome.Package.Schema.Count];
        for (var i = 0; i < 200; i++)
        {
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = random.NextDouble() < 0.1 ? float.NaN : (float)(random.NextDouble() * 100);
            }

            loaded.Evaluator.PredictProbability(row).Should().BeApproximately(booster.PredictDenseRow(row, margin: false), 1e-6f);
        }
    }

    [Fact]
    public void The_test_period_cannot_influence_the_shipped_model()
    {
        var rows = TransactionSimulator.Generate(Data).ToList();
        var testFrom = new DateTimeOffset(Data.StartDate.AddDays(30 + 14 + 7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var flipped = rows.Select(r => r.Transaction.Timestamp >= testFrom ? r with { IsFraud = !r.IsFraud } : r).ToList();

        var original = Train(rows);
        var tampered = Train(flipped);

        tampered.Package.BoosterJson.Should().Be(original.Package.BoosterJson, "the booster is fitted and chosen without the test period");
        tampered.Package.Thresholds.Should().Be(original.Package.Thresholds, "thresholds come from validation");
        tampered.Test.AveragePrecision.Should().NotBe(original.Test.AveragePrecision, "only the test report sees the test labels");
    }

    private static TrainingOutcome Train(List<SimulatedTransaction> rows)
    {
        var table = FeatureReplay.Build(rows, Quick.DelayDays);
        var periods = TrainingPeriods.From(Data.StartDate.AddDays(30), Quick.TrainDays, Quick.ValidDays, Quick.DelayDays, Quick.TestDays);
        return new ModelTrainer(Quick with { Candidates = [CandidateKind.BoostedTrees] }, TimeProvider.System)
            .Train(table, periods, new ModelLineageSource("test", "0"), 0);
    }
}
