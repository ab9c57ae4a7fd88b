using System.CommandLine;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Trainer.Training;

namespace FraudActors.Trainer.Cli;

/// <summary><c>trainer publish</c>: stores a model package as the next version of its model in the registry.</summary>
internal static class PublishCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var model = new Option<string>("--model") { Description = "The package file written by 'trainer train --out'.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why this version is published (kept in the registry).", DefaultValueFactory = _ => "published from the trainer" };
        var by = new Option<string>("--by") { Description = "Who publishes.", DefaultValueFactory = _ => Environment.UserName };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var registry = new RegistryOptions();
        var command = new Command("publish", "Publish a model package to the registry as a new version.") { model, reason, by, json };
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var package = ModelPackageFile.Read(parse.GetValue(model)!);
                var store = await registry.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
                await using var _ = store as IAsyncDisposable;
                var published = await store.PublishAsync(package, parse.GetValue(by)!, parse.GetValue(reason)!, cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { model = published.ModelName, version = published.Version, algorithm = published.Algorithm, schemaHash = published.Schema.Hash })
                    : $"published {published.ModelName} v{published.Version} ({published.Algorithm}, schema {published.Schema.Hash}); promote it with 'trainer promote {published.ModelName} --version {published.Version} --alias champion'");
                return 0;
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
