using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Registry;

namespace FraudActors.Trainer.Cli;

/// <summary><c>trainer list</c>: the registry's versions with aliases, status and key metrics.</summary>
internal static class ListCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var model = new Option<string?>("--model") { Description = "Only this model." };
        var json = new Option<bool>("--json") { Description = "Print the versions as JSON." };
        var registry = new RegistryOptions();
        var command = new Command("list", "List model versions, aliases, status and key metrics.") { model, json };
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var store = await registry.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
                await using var _ = store as IAsyncDisposable;
                var versions = await store.ListAsync(parse.GetValue(model), cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(versions) : Table(versions));
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

    private static string Table(IReadOnlyList<ModelVersionSummary> versions)
    {
        if (versions.Count == 0)
        {
            return "no model versions yet; publish one with 'trainer publish --model model.json'";
        }

        var text = new StringBuilder();
        text.AppendLine("model               version  status      aliases              algorithm                  test-auc  test-ap  test-cp@100  published (UTC)   by");
        foreach (var v in versions)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{v.Model,-19} {v.Version,7}  {v.Status,-10}  {string.Join(',', v.Aliases),-19}  {v.Algorithm,-25}  {Metric(v, "test.roc_auc"),8}  {Metric(v, "test.average_precision"),7}  {Metric(v, "test.card_precision_at_100"),11}  {v.PublishedAt:yyyy-MM-dd HH:mm}  {v.PublishedBy}");
        }

        return text.ToString().TrimEnd();
    }

    private static string Metric(ModelVersionSummary version, string name) =>
        version.Metrics.TryGetValue(name, out var value) && double.IsFinite(value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
