using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Registry;

namespace FraudActors.Trainer.Cli;

/// <summary>
/// <c>trainer promote MODEL --version N --alias champion|challenger</c>: runs the promotion gate (the same code the
/// registry grain runs), prints it as a table, and moves the alias when it passes — or, with <c>--force</c>, past
/// failed checks, which the alias history records as forced. Silos follow the move on their own.
/// </summary>
internal static class PromoteCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var model = new Argument<string>("model") { Description = "The model name, e.g. card-behaviour or european." };
        var version = new Option<int>("--version") { Description = "The published version to promote.", Required = true };
        var alias = new Option<string>("--alias") { Description = "champion (decides) or challenger (scored in shadow).", DefaultValueFactory = _ => ModelAliases.Champion };
        alias.AcceptOnlyFromAmong(ModelAliases.Champion, ModelAliases.Challenger);
        var force = new Option<bool>("--force") { Description = "Move the alias even when blocking checks fail (recorded as forced)." };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the alias history).", DefaultValueFactory = _ => "promoted from the trainer" };
        var by = new Option<string>("--by") { Description = "Who promotes.", DefaultValueFactory = _ => Environment.UserName };
        var json = new Option<bool>("--json") { Description = "Print the gate and the outcome as JSON." };
        var registry = new RegistryOptions();
        var command = new Command("promote", "Validate a version through the promotion gate and point an alias at it.") { model, version, alias, force, reason, by, json };
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var store = await registry.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
                await using var _ = store as IAsyncDisposable;
                var promoter = new ModelPromoter(store, new PromotionGate(new PromotionGateOptions()));
                var result = await promoter.PromoteAsync(
                    parse.GetValue(model)!,
                    parse.GetValue(version),
                    parse.GetValue(alias)!,
                    parse.GetValue(force),
                    parse.GetValue(by)!,
                    parse.GetValue(reason)!,
                    cancellationToken).ConfigureAwait(false);
                output.WriteLine(parse.GetValue(json) ? Json(result) : Text(result));
                return result.Applied ? 0 : 1;
            }
            catch (Exception exception) when (CliErrors.IsUserError(exception) || exception is StoreUnavailableException or KeyNotFoundException)
            {
                errors.WriteLine($"error: {CliErrors.Describe(exception)}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The gate as a table, then one line: promoted, refused, or forced.</summary>
    internal static string Text(PromotionResult result)
    {
        var gate = result.Gate;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"gate for {gate.Model} v{gate.Version} → {gate.Alias}{(gate.ChampionVersion is { } champion ? $" (current champion v{champion})" : string.Empty)}");
        text.AppendLine("check              result  blocks  candidate  limit      champion   delta      detail");
        foreach (var check in gate.Checks)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{check.Name,-17}  {(check.Passed ? "pass" : "FAIL"),-6}  {(check.Blocking ? "yes" : "no"),-6}  {Figure(check.Value),-9}  {Figure(check.Limit),-9}  {Figure(check.Champion),-9}  {Delta(check.Delta),-9}  {check.Detail}");
        }

        var failed = string.Join(", ", gate.FailedChecks);
        if (!result.Applied)
        {
            text.Append(CultureInfo.InvariantCulture, $"refused: {failed}");
            return text.ToString();
        }

        if (result.Forced)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"FORCED past failed checks: {failed}");
        }

        text.Append(CultureInfo.InvariantCulture, $"promoted {gate.Model} v{gate.Version} to {gate.Alias}");
        return text.ToString();
    }

    internal static string Json(PromotionResult result) => JsonSerializer.Serialize(new
    {
        model = result.Gate.Model,
        version = result.Gate.Version,
        alias = result.Gate.Alias,
        championVersion = result.Gate.ChampionVersion,
        passed = result.Gate.Passed,
        applied = result.Applied,
        forced = result.Forced,
        failedChecks = result.Gate.FailedChecks,
        checks = result.Gate.Checks.Select(c => new
        {
            name = c.Name,
            passed = c.Passed,
            blocking = c.Blocking,
            value = Finite(c.Value),
            limit = Finite(c.Limit),
            champion = Finite(c.Champion),
            delta = Finite(c.Delta),
            detail = c.Detail,
        }),
        sequence = result.Change?.Sequence,
    });

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static string Figure(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    private static string Delta(double? value) => value is { } v ? v.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) : "-";
}
