using BenchmarkDotNet.Running;

namespace FraudActors.Benchmarks;

internal static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        // The project file is not named after the assembly, so BenchmarkDotNet's out-of-process toolchain cannot
        // find it; the in-process toolchain measures the same code without that lookup.
        if (!args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase) && !args.Contains("--list", StringComparer.OrdinalIgnoreCase))
        {
            args = [.. args, "--inProcess"];
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
