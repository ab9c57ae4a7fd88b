using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;

namespace FraudActors.Benchmarks.Dashboard;

/// <summary>
/// A bench command (not BenchmarkDotNet: it measures a running engine): what an open dashboard costs the engine.
/// Starts the real gateway process with the embedded demo unpaced (transactions as fast as the silo takes them) and a
/// small trained champion, then alternates phases with 0, 1 and 5 pollers that each GET the dashboard snapshot once a
/// second like an open page, and compares the transactions/s the silo processed in each. Phases rotate over several
/// rounds so a slow drift of the engine's speed (warming, GC growth) is spread over every configuration alike.
/// <c>dotnet run -c Release --project tests/Benchmarks -- dashboard [secondsPerPhase] [rounds] [gatewayDll]</c>
/// </summary>
internal static class DashboardOverhead
{
    private static readonly int[] PollerCounts = [0, 1, 5];

    public static async Task RunAsync(string[] args)
    {
        var phaseSeconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var gateway = args.Length > 2 ? args[2] : FindGateway();
        var directory = Directory.CreateTempSubdirectory("dashboard-overhead-").FullName;
        try
        {
            var database = Path.Combine(directory, "fraudactors.db");
            await PublishChampionAsync(database);
            var port = FreePort();
            using var process = StartGateway(gateway, database, port);
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
                await WaitForWarmTrafficAsync(client, process);

                // The unpaced demo slows for its first minute or so as cards fill their windows (61k → 39k tx/s
                // measured): a discarded phase keeps that drift out of the first configuration's figure.
                var settling = await PhaseAsync(client, 0, TimeSpan.FromSeconds(Math.Max(60, phaseSeconds)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"settling phase (discarded): {settling:N0} tx/s"));
                var perSecond = PollerCounts.ToDictionary(static n => n, static _ => new List<double>());
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var pollers in round % 2 == 0 ? PollerCounts : [.. PollerCounts.Reverse()])
                    {
                        var rate = await PhaseAsync(client, pollers, TimeSpan.FromSeconds(phaseSeconds));
                        perSecond[pollers].Add(rate);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}, {pollers} poller(s): {rate:N0} tx/s"));
                    }
                }

                Report(perSecond, phaseSeconds, rounds);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Report(Dictionary<int, List<double>> perSecond, int phaseSeconds, int rounds)
    {
        var baseline = perSecond[0].Average();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {CpuModel()}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds of {phaseSeconds} s per configuration, embedded demo unpaced"));
        Console.WriteLine("| pollers (1 GET/s each) | tx/s (mean of rounds) | min–max | change vs none |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (pollers, rates) in perSecond)
        {
            var mean = rates.Average();
            var change = pollers == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{(mean - baseline) / baseline * 100:+0.00;-0.00} %");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {pollers} | {mean:N0} | {rates.Min():N0}–{rates.Max():N0} | {change} |"));
        }
    }

    /// <summary>Transactions/s the engine processed while <paramref name="pollers"/> pages polled the snapshot every second.</summary>
    private static async Task<double> PhaseAsync(HttpClient client, int pollers, TimeSpan length)
    {
        using var stop = new CancellationTokenSource();
        var polling = new Task[pollers];
        for (var i = 0; i < pollers; i++)
        {
            polling[i] = PollAsync(client, i * 1000 / Math.Max(1, pollers), stop.Token);
        }

        // The boundaries are read the same way in every configuration, so their own cost cancels out.
        var (startCount, startAt) = await ProcessedAsync(client);
        await Task.Delay(length);
        var (endCount, endAt) = await ProcessedAsync(client);
        await stop.CancelAsync();
        await Task.WhenAll(polling);
        return (endCount - startCount) / (endAt - startAt).TotalSeconds;
    }

    /// <summary>One open page: a snapshot request every second, body read in full, as the page's script does.</summary>
    private static async Task PollAsync(HttpClient client, int offsetMilliseconds, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(offsetMilliseconds, cancellationToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            do
            {
                using var response = await client.GetAsync(new Uri("/dashboard/api/snapshot", UriKind.Relative), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task<(long Processed, DateTimeOffset At)> ProcessedAsync(HttpClient client)
    {
        // A fresh sample is forced by waiting out the cache interval; the sample's own clock times the phase.
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/dashboard/api/snapshot", UriKind.Relative)));
        var root = document.RootElement;
        return (root.GetProperty("traffic").GetProperty("processedTotal").GetInt64(), root.GetProperty("capturedAt").GetDateTimeOffset());
    }

    private static async Task WaitForWarmTrafficAsync(HttpClient client, Process process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the gateway did not start (exit code {(process.HasExited ? process.ExitCode : -1)})");
            }

            try
            {
                var (processed, _) = await ProcessedAsync(client);
                if (processed > 200_000)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
        }

        Console.WriteLine("engine warm; measuring");
    }

    private static async Task PublishChampionAsync(string database)
    {
        var package = TrainCommand.Run(
            new TrainCommand.DataSource(null, new SimulationOptions { Seed = 5, Cards = 400, Merchants = 100, Days = 60 }),
            new TrainingOptions { Candidates = [CandidateKind.BoostedTrees], Search = false, TrainDays = 14, ValidDays = 3, TestDays = 7 },
            false,
            TimeProvider.System,
            TextWriter.Null).Package;
        await using var store = await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = database });
        var published = await store.PublishAsync(package, "bench", "dashboard overhead");
        await store.SetAliasAsync(published.ModelName, ModelAliases.Champion, published.Version, "bench", "dashboard overhead", forced: false);
    }

    private static Process StartGateway(string gateway, string database, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(gateway)!,
        };
        start.ArgumentList.Add(gateway);
        foreach (var setting in new[]
                 {
                     $"--Urls=http://127.0.0.1:{port}", $"--Storage:Sqlite:Path={database}", "--Demo:TransactionsPerSecond=0",
                     "--Demo:ReportSeconds=0", "--Demo:TrainModelIfMissing=false", "--Api:AllowAnonymousInDemo=true",
                     "--Logging:LogLevel:Default=Warning",
                 })
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the gateway");
        // Drain its output so a full pipe never blocks it.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("gateway: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string FindGateway()
    {
        var environment = Environment.GetEnvironmentVariable("FRAUDACTORS_GATEWAY_DLL");
        if (!string.IsNullOrEmpty(environment))
        {
            return environment;
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FraudActors.sln")))
        {
            directory = directory.Parent;
        }

        var candidate = directory is null ? null : Path.Combine(directory.FullName, "Gateway", "bin", "Release", "net10.0", "FraudActors.Gateway.dll");
        return candidate is not null && File.Exists(candidate)
            ? candidate
            : throw new InvalidOperationException(
                "Build the gateway first (dotnet build Gateway -c Release) or pass its FraudActors.Gateway.dll as the third argument.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return "unknown CPU";
    }
}
