using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Gateway.Tests.Dashboard;

/// <summary>
/// The embedded demo (small: 300 cards, 1 warm-up day, 2,000 tx/s) on a real loopback port, so both HttpClient and
/// a real browser can reach it, with a tiny trained card-behaviour model published as v1 and made champion before
/// start (so decisions are scored, alerts and drift have data). Started once for the dashboard tests.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const string ModelName = "card-behaviour";

    private static readonly Lazy<ModelPackage> Trained = new(() => TrainCommand.Run(
        new TrainCommand.DataSource(null, new SimulationOptions { Seed = 5, Cards = 400, Merchants = 100, Days = 60 }),
        new TrainingOptions { Candidates = [CandidateKind.BoostedTrees], Search = false, TrainDays = 14, ValidDays = 3, TestDays = 7 },
        false,
        TimeProvider.System,
        TextWriter.Null).Package);

    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("not started");

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The trained package (published as v1); tests publish copies of it to promote.</summary>
    public static ModelPackage Package => Trained.Value;

    public async Task InitializeAsync()
    {
        var database = Path.Combine(_directory, "fraudactors.db");
        await using (var store = await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = database }))
        {
            var published = await store.PublishAsync(Package, "test", "fixture");
            await store.SetAliasAsync(published.ModelName, ModelAliases.Champion, published.Version, "test", "fixture", forced: false);
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("Storage:Sqlite:Path", database)
            .UseSetting("Demo:Cards", "300")
            .UseSetting("Demo:Merchants", "60")
            .UseSetting("Demo:WarmUpDays", "1")
            .UseSetting("Demo:TransactionsPerSecond", "2000")
            .UseSetting("Demo:ReportSeconds", "0")
            .UseSetting("Demo:TrainModelIfMissing", "false")
            .UseSetting("Api:AllowAnonymousInDemo", "true")
            .UseSetting("Urls", "http://127.0.0.1:0"));
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
