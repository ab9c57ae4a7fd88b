namespace FraudActors.Trainer;

internal static class TrainerProgram
{
    public static Task<int> Main(string[] args) => Cli.TrainerCli.RunAsync(args);
}
