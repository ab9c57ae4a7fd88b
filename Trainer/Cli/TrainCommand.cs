using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FraudActors.Trainer.Datasets;
using FraudActors.Trainer.Evaluation;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;

namespace FraudActors.Trainer.Cli;

/// <summary>
/// <c>trainer train</c>: features by replay, out-of-time split, candidates compared on validation, thresholds on
/// validation, one look at the test period; writes a model package file.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TimeProvider time, TextWriter output, TextWriter errors)
    {
        var data = new Option<string?>("--data") { Description = "Labelled transactions: the CSV schema of 'simulate', or the European form Time,V1..V28,Amount,Class." };
        var scenario = new Option<string?>("--scenario") { Description = "Simulate the data instead of reading a file: default or handbook." };
        scenario.AcceptOnlyFromAmong("default", "handbook");
        var seed = new Option<long>("--seed") { Description = "Simulation seed (with --scenario).", DefaultValueFactory = _ => 42 };
        var cards = new Option<int?>("--cards") { Description = "Simulated cards (with --scenario)." };
        var days = new Option<int?>("--days") { Description = "Simulated days (with --scenario)." };
        var protocol = new Option<string>("--protocol")
        {
            Description = "Period presets: default (30 warm-up days, train 14 d of which the last 3 validate, delay 7 d, test 14 d) or handbook (train 7 d from 2018-07-25, last 2 validate, delay 7 d, test 7 d).",
            DefaultValueFactory = _ => "default",
        };
        protocol.AcceptOnlyFromAmong("default", "handbook");
        var trainStart = new Option<DateOnly?>("--train-start") { Description = "First training day, yyyy-MM-dd." };
        var trainDays = new Option<int?>("--train-days") { Description = "Training days (validation included)." };
        var validDays = new Option<int?>("--valid-days") { Description = "Last training days used for model choice, early stopping and thresholds." };
        var delayDays = new Option<int?>("--delay-days") { Description = "Assumed label delay: the gap before the test period." };
        var testDays = new Option<int?>("--test-days") { Description = "Test days." };
        var candidates = new Option<string>("--candidates") { Description = "Comma-separated: lr, rf, gbt.", DefaultValueFactory = _ => "lr,rf,gbt" };
        var weighting = new Option<string>("--weighting") { Description = "Class weighting: none, sqrt or balanced.", DefaultValueFactory = _ => "sqrt" };
        weighting.AcceptOnlyFromAmong("none", "sqrt", "balanced");
        var smote = new Option<double>("--smote") { Description = "SMOTE synthetic frauds per real fraud, on training rows only (0 = off).", DefaultValueFactory = _ => 0 };
        var threshold = new Option<string>("--threshold")
        {
            Description = "Review threshold rule on validation: max-f1, precision:P (e.g. precision:0.8) or budget:N alerts per day.",
            DefaultValueFactory = _ => "max-f1",
        };
        var quick = new Option<bool>("--quick") { Description = "One variant per family (boosted trees at depth 6) instead of the depth × weighting grid." };
        var ablation = new Option<bool>("--ablation") { Description = "Also train without the card windows, without the merchant windows, and without both." };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Count and skip bad input rows instead of stopping at the first." };
        var k = new Option<int>("--top-k") { Description = "k of card precision@k.", DefaultValueFactory = _ => 100 };
        var outPath = new Option<string>("--out") { Description = "Where to write the model package (JSON).", Required = true };
        var name = new Option<string?>("--model-name") { Description = "Registry name (default card-behaviour, or european for the 30-column form)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };

        var command = new Command("train", "Train and evaluate a model out of time, and write its package.")
        {
            data, scenario, seed, cards, days, protocol, trainStart, trainDays, validDays, delayDays, testDays,
            candidates, weighting, smote, threshold, quick, ablation, skipBad, k, outPath, name, json,
        };
        command.SetAction(parse =>
        {
            try
            {
                var handbook = parse.GetValue(protocol) == "handbook";
                var (reviewPolicy, reviewTarget) = ParseThreshold(parse.GetValue(threshold)!);
                var options = new TrainingOptions
                {
                    TrainStart = parse.GetValue(trainStart) ?? (handbook ? new DateOnly(2018, 7, 25) : null),
                    TrainDays = parse.GetValue(trainDays) ?? (handbook ? 7 : 14),
                    ValidDays = parse.GetValue(validDays) ?? (handbook ? 2 : 3),
                    DelayDays = parse.GetValue(delayDays) ?? 7,
                    TestDays = parse.GetValue(testDays) ?? (handbook ? 7 : 14),
                    Candidates = ParseCandidates(parse.GetValue(candidates)!),
                    Weighting = Enum.Parse<ClassWeighting>(parse.GetValue(weighting)!, ignoreCase: true),
                    SmoteRatio = parse.GetValue(smote),
                    ReviewPolicy = reviewPolicy,
                    ReviewTarget = reviewTarget,
                    TopK = parse.GetValue(k),
                    Ablation = parse.GetValue(ablation),
                    Search = !parse.GetValue(quick),
                };
                var source = LoadSource(parse.GetValue(data), parse.GetValue(scenario), parse.GetValue(seed), parse.GetValue(cards), parse.GetValue(days));
                var outcome = Run(source, options with { ModelName = parse.GetValue(name) ?? options.ModelName }, parse.GetValue(skipBad), time, errors);
                ModelPackageFile.Write(parse.GetValue(outPath)!, outcome.Package);
                output.WriteLine(parse.GetValue(json) ? TrainingReport.Json(outcome) : TrainingReport.Text(outcome, parse.GetValue(outPath)!));
                return 0;
            }
            catch (Exception exception) when (CliErrors.IsUserError(exception))
            {
                errors.WriteLine($"error: {CliErrors.Describe(exception)}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Where the training rows come from.</summary>
    internal sealed record DataSource(string? Path, SimulationOptions? Simulation);

    internal static DataSource LoadSource(string? path, string? scenario, long seed, int? cards, int? days)
    {
        if ((path is null) == (scenario is null))
        {
            throw new ArgumentException("give exactly one of --data FILE or --scenario default|handbook.");
        }

        if (path is not null)
        {
            return new DataSource(path, null);
        }

        var defaults = scenario == "handbook" ? SimulationOptions.ForHandbook(seed) : new SimulationOptions { Seed = seed, Days = 75 };
        var simulation = defaults with { Cards = cards ?? defaults.Cards, Days = days ?? defaults.Days };
        return simulation.Validate() is { } invalid ? throw new ArgumentException(invalid) : new DataSource(null, simulation);
    }

    internal static TrainingOutcome Run(DataSource source, TrainingOptions options, bool skipBad, TimeProvider time, TextWriter progress, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var (table, lineage, plainColumns) = TrainingInput.Load(source.Path, source.Simulation, options.DelayDays, skipBad, progress, cancellationToken);
        TrainingPeriods periods;
        if (plainColumns)
        {
            periods = TrainingPeriods.ByShares(table.TimeOf(0), table.TimeOf(table.Rows - 1));
            options = options with { ModelName = options.ModelName == "card-behaviour" ? "european" : options.ModelName };
        }
        else
        {
            var firstDay = DateOnly.FromDateTime(table.TimeOf(0).UtcDateTime);
            periods = TrainingPeriods.From(options.TrainStart ?? firstDay.AddDays(30), options.TrainDays, options.ValidDays, options.DelayDays, options.TestDays);
        }

        return new ModelTrainer(options, time).Train(table, periods, lineage, stopwatch.Elapsed.TotalSeconds, cancellationToken);
    }

    internal static (ThresholdPolicy Policy, double Target) ParseThreshold(string text)
    {
        if (text == "max-f1")
        {
            return (ThresholdPolicy.MaxF1, 0);
        }

        var parts = text.Split(':', 2);
        if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (parts[0] == "precision" && value is > 0 and <= 1)
            {
                return (ThresholdPolicy.TargetPrecision, value);
            }

            if (parts[0] == "budget" && value >= 1)
            {
                return (ThresholdPolicy.AlertBudget, value);
            }
        }

        throw new ArgumentException($"--threshold must be max-f1, precision:P with 0 < P ≤ 1, or budget:N with N ≥ 1; got '{text}'.");
    }

    internal static CandidateKind[] ParseCandidates(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(token => token switch
        {
            "lr" => CandidateKind.LogisticRegression,
            "rf" => CandidateKind.RandomForest,
            "gbt" => CandidateKind.BoostedTrees,
            _ => throw new ArgumentException($"--candidates takes lr, rf and gbt separated by commas; '{token}' is not one of them."),
        }).Distinct().ToArray() is { Length: > 0 } kinds ? kinds : throw new ArgumentException("--candidates needs at least one of lr, rf, gbt.");
}
