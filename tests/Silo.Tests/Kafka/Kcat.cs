using System.Diagnostics;

namespace FraudActors.Silo.Tests.Kafka;

/// <summary>Runs kcat, a Kafka client nobody here wrote.</summary>
internal static class Kcat
{
    public static string? Path { get; } = Find();

    public static string Require() =>
        Path ?? throw new InvalidOperationException("kcat is not installed but CI is set: install the Debian package 'kcat'.");

    /// <summary>Runs kcat with <paramref name="input"/> on stdin; returns stdout, or throws with stderr on failure.</summary>
    public static async Task<string> RunAsync(string input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Require())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kcat {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, "kcat");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
