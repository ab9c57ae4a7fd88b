using System.CommandLine;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Trainer.Reporting;

namespace FraudActors.Trainer.Cli;

/// <summary>
/// <c>trainer replay --transaction ID</c>: recomputes an audited decision from its stored feature vector and the
/// registry's copy of the model version that made it, and shows whether the two are identical. Exit code 0 when
/// identical, 1 when not, 2 when the input is wrong (unknown transaction or model version, store unreachable).
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var transaction = new Option<string>("--transaction") { Description = "The transaction id whose decision to recompute.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print stored and recomputed decisions as JSON." };
        var store = new AuditStoreOptions();
        var command = new Command("replay", "Recompute an audited decision from the stored model version and check that it is identical.") { transaction, json };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var id = parse.GetValue(transaction)!;
                if (string.IsNullOrWhiteSpace(id))
                {
                    throw new ArgumentException("--transaction needs a transaction id.");
                }

                await using var audit = await store.OpenAuditAsync(parse, cancellationToken).ConfigureAwait(false);
                var registry = await store.OpenRegistryAsync(parse, cancellationToken).ConfigureAwait(false);
                await using var _ = registry as IAsyncDisposable;
                var outcome = await DecisionReplay.RunAsync(audit.Reader, registry, id, cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json) ? DecisionReplay.Json(outcome) : DecisionReplay.Text(outcome));
                return outcome.Identical ? 0 : 1;
            }
            catch (Exception exception) when (CliErrors.IsUserError(exception) || exception is StoreUnavailableException)
            {
                errors.WriteLine($"error: {ReportCommand.Describe(exception)}");
                return 2;
            }
        });
        return command;
    }
}
