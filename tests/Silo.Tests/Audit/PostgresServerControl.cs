using System.Diagnostics;
using FraudActors.Silo.Tests.Storage;
using Npgsql;

namespace FraudActors.Silo.Tests.Audit;

/// <summary>
/// Stops and restarts the throwaway test server of scripts/postgres.sh (same data directory, same options), for
/// outage tests. Needs root (the server runs as user postgres), FRAUDACTORS_TEST_POSTGRES_DATA and FA_PG_BIN.
/// </summary>
internal static class PostgresServerControl
{
    public const string DataVariable = "FRAUDACTORS_TEST_POSTGRES_DATA";
    public const string BinVariable = "FA_PG_BIN";

    private static string? Data => Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } value ? value : null;

    private static string? Bin => Environment.GetEnvironmentVariable(BinVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Why the outage tests cannot run here, or null when they can (or must: CI is set).</summary>
    public static string? SkipReason
    {
        get
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                return null;
            }

            if (PostgresTestServer.SkipReason is { } noServer)
            {
                return noServer;
            }

            if (Data is null || Bin is null)
            {
                return $"{DataVariable} or {BinVariable} is not set; the outage test restarts the server of `source scripts/postgres.sh && fa_postgres_start`.";
            }

            return Environment.UserName == "root" ? null : "The outage test must run as root to stop and start the test server as user postgres.";
        }
    }

    public static Task StopAsync() => PgCtlAsync("-m", "fast", "-w", "-t", "30", "stop");

    public static Task StartAsync()
    {
        var data = Data ?? throw new InvalidOperationException($"{DataVariable} is not set.");
        var directory = Path.GetDirectoryName(data)!;
        var port = new NpgsqlConnectionStringBuilder(PostgresTestServer.RequireConnectionString()).Port;
        return PgCtlAsync(
            "-l", Path.Combine(directory, "server.log"), "-w", "-t", "30", "start",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c fsync=off -c max_connections=200");
    }

    private static async Task PgCtlAsync(params string[] arguments)
    {
        var data = Data ?? throw new InvalidOperationException($"{DataVariable} is not set.");
        var bin = Bin ?? throw new InvalidOperationException($"{BinVariable} is not set.");
        var start = new ProcessStartInfo("runuser") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", data, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }
}
