using System.CommandLine;

namespace FraudActors.Trainer.Cli;

/// <summary>The trainer console's verbs. Each verb lives in its own folder and adds one command here.</summary>
internal static class TrainerCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("FraudActors trainer: simulate or import transactions, train, evaluate and publish models.");
        return await root.Parse(args).InvokeAsync();
    }
}
