using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Silo.Kafka;
using FraudActors.Trainer.Csv;
using FraudActors.Trainer.Kafka;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Cli;

/// <summary>
/// <c>trainer simulate</c>: writes simulated transactions to a CSV file, or produces them to a Kafka topic
/// (<c>--to kafka</c>), and prints a one-line summary.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(TimeProvider time, TextWriter output, TextWriter errors)
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "default (cardholders in real cities, four fraud patterns) or handbook (the Fraud-Detection-Handbook simulator).",
            DefaultValueFactory = _ => "default",
        };
        scenario.AcceptOnlyFromAmong("default", "handbook");
        var seed = new Option<long>("--seed")
        {
            Description = "Random seed; the same seed and options give a byte-identical file.",
            DefaultValueFactory = _ => 42,
            CustomParser = result => ParseWhole(result, "--seed") ?? 0,
        };
        var cards = new Option<int?>("--cards") { Description = "Cardholders (handbook: customers). Default 10000 (handbook 5000).", CustomParser = result => (int?)ParseWhole(result, "--cards") };
        var merchants = new Option<int?>("--merchants") { Description = "Merchants (handbook: terminals). Default 2000 (handbook 10000).", CustomParser = result => (int?)ParseWhole(result, "--merchants") };
        var days = new Option<int?>("--days") { Description = "Days to simulate. Default 30 (handbook 183).", CustomParser = result => (int?)ParseWhole(result, "--days") };
        var start = new Option<DateOnly?>("--start")
        {
            Description = "First day, yyyy-MM-dd (UTC). Default 2026-01-01 (handbook 2018-04-01).",
            CustomParser = ParseDate,
        };
        var fraud = new Option<double>("--fraud-multiplier") { Description = "Scales the default scenario's fraud rates (0 = no fraud).", DefaultValueFactory = _ => 1.0 };
        var outPath = new Option<string?>("--out") { Description = "Output CSV path, or - for standard output (the summary then goes to standard error). Required with --to csv." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var to = new Option<string>("--to")
        {
            Description = "csv (a file, see --out) or kafka (produce to --topic at --bootstrap: key = card id, JSON value, schema-version header, murmur2 partition).",
            DefaultValueFactory = _ => "csv",
        };
        to.AcceptOnlyFromAmong("csv", "kafka");
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Kafka bootstrap servers, HOST:PORT[,HOST:PORT…] (with --to kafka)." };
        var topic = new Option<string>("--topic") { Description = "Kafka topic (with --to kafka). Default transactions.", DefaultValueFactory = _ => "transactions" };
        var rate = new Option<double>("--rate")
        {
            Description = "Rows per second produced to Kafka (0 = as fast as the broker takes them; with --days 0 the stream is endless until Ctrl+C).",
            DefaultValueFactory = _ => 0,
            CustomParser = ParseRate,
        };

        var command = new Command("simulate", "Generate deterministic, labelled card transactions as CSV or onto a Kafka topic.")
        {
            scenario, seed, cards, merchants, days, start, fraud, outPath, json, to, bootstrap, topic, rate,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var handbook = parse.GetValue(scenario) == "handbook";
            var defaults = handbook ? SimulationOptions.ForHandbook() : new SimulationOptions();
            var options = defaults with
            {
                Seed = parse.GetValue(seed),
                Cards = parse.GetValue(cards) ?? defaults.Cards,
                Merchants = parse.GetValue(merchants) ?? defaults.Merchants,
                Days = parse.GetValue(days) ?? defaults.Days,
                StartDate = parse.GetValue(start) ?? defaults.StartDate,
                FraudMultiplier = parse.GetValue(fraud),
            };
            if (parse.GetValue(to) == "kafka")
            {
                if (parse.GetValue(outPath) is not null)
                {
                    errors.WriteLine("error: --out is for --to csv; with --to kafka give --bootstrap and --topic (see 'trainer simulate --help').");
                    return 2;
                }

                var target = new KafkaTarget(parse.GetValue(bootstrap) ?? "", parse.GetValue(topic) ?? "", parse.GetValue(rate));
                return await RunKafkaAsync(options, target, parse.GetValue(json), time, output, errors, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(outPath) is not { } path)
            {
                errors.WriteLine("error: --out is required with --to csv: a CSV path, or - for standard output (see 'trainer simulate --help').");
                return 2;
            }

            if (parse.GetResult(bootstrap) is { Implicit: false } || parse.GetResult(rate) is { Implicit: false })
            {
                errors.WriteLine("error: --bootstrap and --rate are for --to kafka (see 'trainer simulate --help').");
                return 2;
            }

            return Run(options, path, parse.GetValue(json), time, output, errors);
        });
        return command;
    }

    internal static int Run(SimulationOptions options, string path, bool json, TimeProvider time, TextWriter output, TextWriter errors)
    {
        if (options.Days == 0)
        {
            errors.WriteLine("error: --days must be at least 1 when writing a file (0 means endless, for live streams only).");
            return 2;
        }

        if (options.Validate() is { } invalid)
        {
            errors.WriteLine($"error: {invalid} Fix the option and retry (see 'trainer simulate --help').");
            return 2;
        }

        var toStdout = path == "-";
        var summaryWriter = toStdout ? errors : output;
        var tally = new SimulationTally();
        var started = time.GetTimestamp();
        try
        {
            using var stream = toStdout ? Console.OpenStandardOutput() : OpenFile(path);
            using var writer = new TransactionCsvWriter(stream);
            foreach (var row in TransactionSimulator.Generate(options))
            {
                writer.Write(row);
                tally.Add(row);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            errors.WriteLine($"error: cannot write '{path}': {exception.Message}");
            return 1;
        }

        var seconds = Math.Max(1e-9, time.GetElapsedTime(started).TotalSeconds);
        summaryWriter.WriteLine(json ? JsonSummary(options, tally, seconds, path) : TextSummary(options, tally, seconds, path));
        return 0;
    }

    /// <summary>Where <c>--to kafka</c> produces, and how fast (rows/s; 0 = unpaced).</summary>
    internal sealed record KafkaTarget(string Bootstrap, string Topic, double Rate);

    internal static async Task<int> RunKafkaAsync(
        SimulationOptions options, KafkaTarget target, bool json, TimeProvider time, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(target.Bootstrap))
        {
            errors.WriteLine("error: --to kafka needs --bootstrap HOST:PORT (see 'trainer simulate --help').");
            return 2;
        }

        if (string.IsNullOrWhiteSpace(target.Topic))
        {
            errors.WriteLine("error: --topic must not be empty.");
            return 2;
        }

        if (options.Validate() is { } invalid)
        {
            errors.WriteLine($"error: {invalid} Fix the option and retry (see 'trainer simulate --help').");
            return 2;
        }

        var kafka = new KafkaOptions { BootstrapServers = target.Bootstrap, TransactionsTopic = target.Topic };
        var tally = new SimulationTally();
        SimulationPublication published;
        try
        {
            published = await SimulationPublisher.PublishAsync(
                TransactionSimulator.Generate(options), kafka, target.Rate, TimeSpan.FromSeconds(30), time, tally.Add, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Confluent's exceptions included: the broker is out of reach or the topic is missing. One line, no stack.
            errors.WriteLine($"error: cannot produce to topic '{target.Topic}' at {target.Bootstrap}: {exception.Message.TrimEnd('.')}.");
            return 1;
        }

        var destination = $"kafka {target.Bootstrap} topic {target.Topic} ({published.Partitions} partitions)";
        var seconds = Math.Max(1e-9, published.Elapsed.TotalSeconds);
        output.WriteLine(json ? JsonSummary(options, tally, seconds, destination, published) : TextSummary(options, tally, seconds, destination, published));
        if (!published.Complete)
        {
            errors.WriteLine($"error: {published.Produced - published.Delivered:N0} of {published.Produced:N0} records were not confirmed by Kafka ({published.Failed:N0} failed, {published.StillQueued:N0} still queued).");
            return 1;
        }

        return 0;
    }

    private static double ParseRate(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value is >= 0 and <= 10_000_000)
        {
            return value;
        }

        result.AddError($"--rate must be a number of rows per second from 0 to 10000000, got '{token}'.");
        return 0;
    }

    private static FileStream OpenFile(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new IOException($"the directory '{directory}' does not exist");
        }

        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
    }

    private static long? ParseWhole(ArgumentResult result, string option)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && (option == "--seed" || value is >= int.MinValue and <= int.MaxValue))
        {
            return value;
        }

        result.AddError($"{option} must be a whole number, got '{token}'.");
        return null;
    }

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"--start must be a date like 2026-01-01, got '{token}'.");
        return null;
    }

    private static string TextSummary(SimulationOptions options, SimulationTally tally, double seconds, string path, SimulationPublication? kafka = null)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.Append(culture, $"simulate {Name(options.Scenario)} seed {options.Seed}: {tally.Rows:N0} rows, {tally.Cards:N0} cards, ");
        text.Append(culture, $"{tally.Frauds:N0} frauds ({tally.FraudRate * 100:F3}%");
        foreach (var (tag, count) in tally.FraudsByScenario())
        {
            text.Append(culture, $"; {tag} {100.0 * count / Math.Max(1, tally.Rows):F3}%");
        }

        text.Append(culture, $"), {seconds:F2} s, {tally.Rows / seconds:N0} rows/s -> {path}");
        if (kafka is not null)
        {
            text.Append(culture, $", {kafka.Delivered:N0} delivered");
        }

        return text.ToString();
    }

    private static string JsonSummary(SimulationOptions options, SimulationTally tally, double seconds, string path, SimulationPublication? kafka = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("scenario", Name(options.Scenario));
            json.WriteNumber("seed", options.Seed);
            json.WriteString("start", options.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("days", options.Days);
            json.WriteNumber("rows", tally.Rows);
            json.WriteNumber("cards", tally.Cards);
            json.WriteNumber("frauds", tally.Frauds);
            json.WriteNumber("fraudRate", Math.Round(tally.FraudRate, 6));
            json.WriteStartObject("byScenario");
            foreach (var (tag, count) in tally.FraudsByScenario())
            {
                json.WriteStartObject(tag);
                json.WriteNumber("frauds", count);
                json.WriteNumber("rate", Math.Round((double)count / Math.Max(1, tally.Rows), 6));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteNumber("seconds", Math.Round(seconds, 3));
            json.WriteNumber("rowsPerSecond", Math.Round(tally.Rows / seconds));
            json.WriteString("out", path);
            if (kafka is not null)
            {
                json.WriteNumber("delivered", kafka.Delivered);
                json.WriteNumber("failed", kafka.Failed);
                json.WriteNumber("partitions", kafka.Partitions);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Name(SimulationScenario scenario) => scenario == SimulationScenario.Handbook ? "handbook" : "default";
}
