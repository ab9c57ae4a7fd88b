using FraudActors.Gateway.Hosting;
using FraudActors.Gateway.Security;
using FraudActors.Gateway.Telemetry;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Gateway.Tests.Telemetry;

/// <summary>
/// The gateway built as Program.cs builds it plus the telemetry calls (AddTelemetry and MapTelemetry are idempotent,
/// so this keeps working once the hosting extensions call them too), on a test server, with no demo traffic, a tiny
/// trained champion and a read and a score key.
/// </summary>
public sealed class TelemetryHost : IAsyncLifetime
{
    public const string ScoreKey = "telemetry-score-key-0123456789abcdefghijk";
    public const string ReadKey = "telemetry-read-key-0123456789abcdefghijkl";

    private static readonly Lazy<ModelPackage> Trained = new(() => TrainCommand.Run(
        new TrainCommand.DataSource(null, new SimulationOptions { Seed = 5, Cards = 400, Merchants = 100, Days = 60 }),
        new TrainingOptions { Candidates = [CandidateKind.BoostedTrees], Search = false, TrainDays = 14, ValidDays = 3, TestDays = 7 },
        false,
        TimeProvider.System,
        TextWriter.Null).Package);

    private readonly string _directory = Directory.CreateTempSubdirectory("telemetry-").FullName;
    private WebApplication? _app;

    public WebApplication App => _app ?? throw new InvalidOperationException("not started");

    public IServiceProvider Services => App.Services;

    /// <summary>Settings of a particular host (anonymous metrics, OTLP).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The clone this test was built from (the output folder may be elsewhere, e.g. with --artifacts-path).</summary>
    public static string RepositoryRoot => FindRoot(AppContext.BaseDirectory) ?? FindRoot(SourceFile()) ?? throw new InvalidOperationException("FraudActors.sln not found");

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static string? FindRoot(string start)
    {
        var directory = new DirectoryInfo(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FraudActors.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }

    public async Task InitializeAsync()
    {
        var database = Path.Combine(_directory, "fraudactors.db");
        await using (var store = await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = database }))
        {
            var published = await store.PublishAsync(Trained.Value, "test", "fixture");
            await store.SetAliasAsync(published.ModelName, ModelAliases.Champion, published.Version, "test", "fixture", forced: false);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.Combine(RepositoryRoot, "Gateway"),
            ApplicationName = "FraudActors.Gateway",
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Demo:ReportSeconds"] = "0",
            ["Storage:Sqlite:Path"] = database,
            ["Audit:SpillDirectory"] = Path.Combine(_directory, "spill"),
            ["Api:AllowAnonymousInDemo"] = "false",
            ["Api:Keys:0:Name"] = "scorer",
            ["Api:Keys:0:Hash"] = ApiKeyHasher.Hash(ScoreKey),
            ["Api:Keys:0:Scopes:0"] = ApiScopes.Score,
            ["Api:Keys:1:Name"] = "reader",
            ["Api:Keys:1:Hash"] = ApiKeyHasher.Hash(ReadKey),
            ["Api:Keys:1:Scopes:0"] = ApiScopes.Read,
        });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.AddFraudActors();
        builder.Services.AddTelemetry(builder.Configuration);

        _app = builder.Build();
        _app.MapFraudActors();
        _app.MapTelemetry();
        await _app.StartAsync();

        using var client = Client(null);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode != System.Net.HttpStatusCode.OK)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the champion is loaded from the registry at start-up");
            await Task.Delay(50);
        }
    }

    public HttpClient Client(string? key)
    {
        var client = App.GetTestClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", key);
        }

        return client;
    }

    public async Task<string> ScrapeAsync()
    {
        using var client = Client(ReadKey);
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
