using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FraudActors.Trainer.Csv;
using FraudActors.Trainer.Datasets;

namespace FraudActors.Trainer.Cli;

/// <summary>
/// <c>trainer import</c>: reads transactions in the documented CSV schema (or the European 30-column form),
/// validates every row, and writes them in event-time order — the input 'train' and 'evaluate' read. A bad row
/// stops the import with its line and the column at fault, or, with --skip-bad, is counted and reported; no row is
/// ever dropped silently.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var input = new Option<string>("--in") { Description = "The CSV to import.", Required = true };
        var outPath = new Option<string>("--out") { Description = "Where to write the validated, time-ordered CSV.", Required = true };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Count and skip bad rows instead of stopping at the first." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var command = new Command("import", "Validate and import transactions (the raw schema or the European Time,V1..V28,Amount,Class form).") { input, outPath, skipBad, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var target = parse.GetValue(outPath)!;
            try
            {
                long rows;
                long frauds;
                ImportProblems skipped;
                string format;
                if (EuropeanCsvReader.IsEuropeanHeader(File.ReadLines(path).FirstOrDefault() ?? ""))
                {
                    format = "european";
                    (rows, frauds, skipped) = ImportEuropean(path, target, parse.GetValue(skipBad));
                }
                else
                {
                    format = "transactions";
                    var (history, _) = TransactionHistory.FromFile(path, parse.GetValue(skipBad), out skipped);
                    using (var writer = TransactionCsvWriter.Create(target))
                    {
                        foreach (var row in history)
                        {
                            writer.Write(row);
                        }
                    }

                    rows = history.Count;
                    frauds = history.Count(row => row.IsFraud);
                }

                output.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { format, rows, frauds, skipped = skipped.Count, firstProblems = skipped.First, output = Path.GetFullPath(target) })
                    : string.Create(CultureInfo.InvariantCulture, $"imported {rows:N0} {format} rows ({frauds:N0} frauds), skipped {skipped.Count:N0} bad rows{(skipped.Count > 0 ? $" (first: {string.Join(" | ", skipped.First)})" : "")} -> {target}"));
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

    /// <summary>Validates each row with the same parser 'train' uses and copies the good ones (time order is the file's: Time only grows).</summary>
    private static (long Rows, long Frauds, ImportProblems Skipped) ImportEuropean(string path, string target, bool skipBad)
    {
        if (!(File.ReadLines(path).First().Replace("\"", "", StringComparison.Ordinal).TrimEnd().EndsWith(",Class", StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{path}: line 1: importing the European form needs the label column 'Class' last.");
        }

        var table = EuropeanCsvReader.Read(path, skipBad, out var skipped);
        using var writer = new StreamWriter(target);
        writer.Write("Time," + string.Join(',', Enumerable.Range(1, 28).Select(i => $"V{i}")) + ",Amount,Class\n");
        long frauds = 0;
        for (var row = 0; row < table.Rows; row++)
        {
            var values = table.Row(row);
            for (var c = 0; c < values.Length; c++)
            {
                writer.Write(values[c].ToString("R", CultureInfo.InvariantCulture));
                writer.Write(',');
            }

            var label = table.LabelOf(row);
            frauds += label ? 1 : 0;
            writer.Write(label ? "1\n" : "0\n");
        }

        return (table.Rows, frauds, skipped);
    }
}
