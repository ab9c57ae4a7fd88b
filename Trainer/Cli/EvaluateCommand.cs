using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Scoring;
using FraudActors.Trainer.Datasets;
using FraudActors.Trainer.Evaluation;
using FraudActors.Trainer.Training;

namespace FraudActors.Trainer.Cli;

/// <summary>
/// <c>trainer evaluate</c>: scores a package on data with the managed evaluator the silo serves with — by default
/// over the package's own test period — and reports ROC-AUC, average precision, card precision@k and the
/// figures at the package's review threshold.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var model = new Option<string>("--model") { Description = "The package file written by 'trainer train --out'.", Required = true };
        var data = new Option<string?>("--data") { Description = "Labelled transactions (CSV), or the European form." };
        var scenario = new Option<string?>("--scenario") { Description = "Simulate the data instead: default or handbook." };
        scenario.AcceptOnlyFromAmong("default", "handbook");
        var seed = new Option<long>("--seed") { Description = "Simulation seed (with --scenario); use another seed than training to test on unseen cards.", DefaultValueFactory = _ => 42 };
        var cards = new Option<int?>("--cards") { Description = "Simulated cards (with --scenario)." };
        var days = new Option<int?>("--days") { Description = "Simulated days (with --scenario)." };
        var from = new Option<DateOnly?>("--from") { Description = "First day to score, yyyy-MM-dd (default: the package's test period)." };
        var to = new Option<DateOnly?>("--to") { Description = "Day after the last day to score, yyyy-MM-dd." };
        var k = new Option<int>("--top-k") { Description = "k of card precision@k.", DefaultValueFactory = _ => 100 };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Count and skip bad input rows." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("evaluate", "Evaluate a model package on labelled data, out of time.") { model, data, scenario, seed, cards, days, from, to, k, skipBad, json };
        command.SetAction(parse =>
        {
            try
            {
                var package = ModelPackageFile.Read(parse.GetValue(model)!);
                var loaded = LoadedModel.From(package);
                var source = TrainCommand.LoadSource(parse.GetValue(data), parse.GetValue(scenario), parse.GetValue(seed), parse.GetValue(cards), parse.GetValue(days));
                var (table, _, _) = TrainingInput.Load(source.Path, source.Simulation, package.Lineage.LabelDelayDays, parse.GetValue(skipBad), errors);
                if (!table.Schema.IsCompatibleWith(package.Schema))
                {
                    throw new ArgumentException($"the data gives features of schema '{table.Schema.Name}' ({table.Schema.Hash}) but the model expects '{package.Schema.Name}' ({package.Schema.Hash}).");
                }

                var start = parse.GetValue(from) is { } f ? Midnight(f) : package.Lineage.TestFrom;
                var end = parse.GetValue(to) is { } t ? Midnight(t) : package.Lineage.TestTo;
                var rows = KnownCompromisedCards.Exclude(table, table.RowsBetween(start, end), package.Lineage.TrainFrom, package.Lineage.LabelDelayDays);
                if (rows.Length == 0)
                {
                    throw new ArgumentException($"no rows between {start:yyyy-MM-dd} and {end:yyyy-MM-dd}; pass --from/--to inside the data's dates.");
                }

                var scored = new ScoredTransaction[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    var row = rows[i];
                    scored[i] = new ScoredTransaction(
                        table.CardNames[table.CardOf(row)],
                        DateOnly.FromDateTime(table.TimeOf(row).UtcDateTime),
                        loaded.Evaluator.PredictProbability(table.Row(row)),
                        table.LabelOf(row));
                }

                var report = EvaluationReport.Of($"{start:yyyy-MM-dd}..{end:yyyy-MM-dd}", scored, package.Thresholds.Review, parse.GetValue(k));
                output.WriteLine(parse.GetValue(json) ? Json(package.ModelName, package.Version, report) : Text(package.ModelName, package.Version, report));
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

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Text(string model, int version, EvaluationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"model {model} v{version}, scored with the managed evaluator; review threshold {report.Threshold:F4}");
        text.AppendLine(TrainingReport.Header());
        text.AppendLine(TrainingReport.Row(report));
        var m = report.AtThreshold;
        text.Append(CultureInfo.InvariantCulture, $"confusion at threshold: TP {m.TruePositives:N0}  FP {m.FalsePositives:N0}  FN {m.FalseNegatives:N0}  TN {m.TrueNegatives:N0}");
        return text.ToString();
    }

    private static string Json(string model, int version, EvaluationReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteNumber("version", version);
            TrainingReport.WriteReport(json, "report", report);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
