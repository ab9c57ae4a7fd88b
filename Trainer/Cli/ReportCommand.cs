using System.CommandLine;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Trainer.Reporting;

namespace FraudActors.Trainer.Cli;

/// <summary>
/// <c>trainer report --hours N</c>: the live model's monitoring figures over the last N hours of decisions —
/// volume, decisions by kind, mean probability, latency, share per model version, and precision/recall where
/// labels have arrived.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TimeProvider time, TextWriter output, TextWriter errors)
    {
        var hours = new Option<double>("--hours") { Description = "The window: the last N hours of decisions (fractions allowed).", DefaultValueFactory = _ => 24 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var store = new AuditStoreOptions();
        var command = new Command("report", "Monitoring report of the audited decisions: volume, decisions, latency, model versions, precision/recall.") { hours, json };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var window = parse.GetValue(hours);
                if (!(window > 0) || window > 24 * 366)
                {
                    throw new ArgumentException($"--hours must be above 0 and at most {24 * 366} (one year); got {window}.");
                }

                await using var audit = await store.OpenAuditAsync(parse, cancellationToken).ConfigureAwait(false);
                var to = time.GetUtcNow();
                var report = await audit.Reader.ReportAsync(to - TimeSpan.FromHours(window), to, cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json) ? AuditReportFormat.Json(report) : AuditReportFormat.Text(report));
                return 0;
            }
            catch (Exception exception) when (CliErrors.IsUserError(exception) || exception is StoreUnavailableException)
            {
                errors.WriteLine($"error: {Describe(exception)}");
                return 2;
            }
        });
        return command;
    }

    internal static string Describe(Exception exception) =>
        exception is FileNotFoundException missing ? missing.Message : CliErrors.Describe(exception);
}
