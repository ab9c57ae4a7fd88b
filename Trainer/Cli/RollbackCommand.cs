using System.CommandLine;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Registry;

namespace FraudActors.Trainer.Cli;

/// <summary><c>trainer rollback MODEL</c>: points the champion back at the version it had before its latest move.</summary>
internal static class RollbackCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var model = new Argument<string>("model") { Description = "The model name, e.g. card-behaviour or european." };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the alias history).", DefaultValueFactory = _ => "rolled back from the trainer" };
        var by = new Option<string>("--by") { Description = "Who rolls back.", DefaultValueFactory = _ => Environment.UserName };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON." };
        var registry = new RegistryOptions();
        var command = new Command("rollback", "Return the champion alias to the previous champion.") { model, reason, by, json };
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var store = await registry.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
                await using var _ = store as IAsyncDisposable;
                var promoter = new ModelPromoter(store, new PromotionGate(new PromotionGateOptions()));
                var result = await promoter.RollbackAsync(parse.GetValue(model)!, parse.GetValue(by)!, parse.GetValue(reason)!, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(new
                    {
                        model = result.Model,
                        from = result.From,
                        to = result.To,
                        applied = result.Applied,
                        sequence = result.Change?.Sequence,
                        message = result.Message,
                    }));
                }
                else if (result.Applied)
                {
                    output.WriteLine(result.Message);
                }
                else
                {
                    errors.WriteLine($"error: {result.Message}");
                }

                return result.Applied ? 0 : 1;
            }
            catch (Exception exception) when (CliErrors.IsUserError(exception) || exception is StoreUnavailableException)
            {
                errors.WriteLine($"error: {CliErrors.Describe(exception)}");
                return 1;
            }
        });
        return command;
    }
}
