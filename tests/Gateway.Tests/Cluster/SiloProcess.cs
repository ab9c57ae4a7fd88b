using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace FraudActors.Gateway.Tests.Cluster;

/// <summary>
/// One gateway process hosting one silo, started from the test's own output folder (the gateway's build is copied
/// there by the project reference). Output is kept for the failure message. SIGKILL is a crash; SIGTERM a clean stop.
/// </summary>
internal sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, string url, string name)
    {
        _process = process;
        Url = url;
        Name = name;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Url { get; }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static SiloProcess Start(string name, string postgres, IEnumerable<string> settings)
    {
        var folder = AppContext.BaseDirectory;
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory.CreateTempSubdirectory("fa-silo-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "FraudActors.Gateway.dll"));
        start.ArgumentList.Add($"--contentRoot={folder}");
        start.ArgumentList.Add($"--Urls={url}");
        start.ArgumentList.Add($"--Silo:Address={url}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["FRAUDACTORS_POSTGRES"] = postgres;
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new SiloProcess(process, url, name);
    }

    /// <summary>A crash: the process gets no chance to flush, commit or leave the group.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>A clean stop (what an orchestrator sends), waiting for the process to exit.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = SendSignal(_process.Id, 15);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not stop within {timeout} after SIGTERM.\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        await Task.CompletedTask;
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail only: a long run must not grow the test's memory without bound.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }

            _output.AppendLine($"[{Name}] {line}");
        }

        if (Environment.GetEnvironmentVariable("FA_CLUSTER_LOG") is { Length: > 0 } path)
        {
            // Live output while debugging a cluster test (test output is only shown when the test ends).
            lock (typeof(SiloProcess))
            {
                File.AppendAllText(path, $"[{Name}] {line}\n");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
