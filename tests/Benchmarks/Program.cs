using System.Globalization;
using BenchmarkDotNet.Running;
using FraudActors.Benchmarks.Dashboard;
using FraudActors.Benchmarks.Kafka;
using FraudActors.Benchmarks.Memory;

namespace FraudActors.Benchmarks;

internal static class BenchmarkProgram
{
    public static async Task Main(string[] args)
    {
        if (args is ["memory", ..])
        {
            var cards = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
            var transactions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
            await ActiveGrainMemory.RunAsync(cards, transactions);
            return;
        }

        if (args is ["dashboard", ..])
        {
            await DashboardOverhead.RunAsync(args[1..]);
            return;
        }

        if (args is ["ingest", ..])
        {
            Environment.ExitCode = await IngestBenchmark.RunAsync(args);
            return;
        }

        // The project file is not named after the assembly, so BenchmarkDotNet's out-of-process toolchain cannot
        // find it; the in-process toolchain measures the same code without that lookup.
        if (!args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) && !args.Contains("--list", StringComparer.OrdinalIgnoreCase))
        {
            args = [.. args, "--inProcess"];
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
