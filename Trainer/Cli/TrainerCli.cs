using System.CommandLine;
using System.CommandLine.Parsing;

namespace FraudActors.Trainer.Cli;

/// <summary>The trainer console's verbs. Each verb lives in its own folder and adds one command here.</summary>
internal static class TrainerCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, TimeProvider.System);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, TimeProvider time)
    {
        var root = new RootCommand("FraudActors trainer: simulate or import transactions, train, evaluate and publish models.")
        {
            SimulateCommand.Create(time, output, errors),
            ImportCommand.Create(output, errors),
            TrainCommand.Create(time, output, errors),
            EvaluateCommand.Create(output, errors),
            PublishCommand.Create(output, errors),
            ListCommand.Create(output, errors),
            PromoteCommand.Create(output, errors),
            RollbackCommand.Create(output, errors),
            ReportCommand.Create(time, output, errors),
            ReplayCommand.Create(output, errors),
            DbCommand.Create(output, errors),
            KeysCommand.Create(time, output, errors),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One readable line instead of the parser's error list and full help text.
            // The whole verb path ("keys create"), so the hint names a help page that exists.
            var verb = "";
            for (var result = parse.CommandResult; result.Command != root; result = (CommandResult)result.Parent!)
            {
                verb = $" {result.Command.Name}{verb}";
            }

            var message = string.Join(' ', parse.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await errors.WriteLineAsync($"error: {message} (see 'trainer{verb} --help')");
            return 2;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
    }
}
