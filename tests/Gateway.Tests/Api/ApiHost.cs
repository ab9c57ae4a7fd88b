using System.Net.Http.Json;
using FraudActors.Gateway.Security;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace FraudActors.Gateway.Tests.Api;

/// <summary>
/// The gateway in-process with no demo traffic, a fresh SQLite registry holding a tiny trained champion (v1) and an
/// unpromoted copy (v2), three API keys and anonymous access off. Started once per test collection.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public const string ScoreKey = "test-score-key-0123456789abcdefghijklmnop";
    public const string ReadKey = "test-read-key-0123456789abcdefghijklmnopq";
    public const string AdminKey = "test-admin-key-0123456789abcdefghijklmnop";

    private static readonly Lazy<ModelPackage> Trained = new(() => TrainCommand.Run(
        new TrainCommand.DataSource(null, new SimulationOptions { Seed = 5, Cards = 400, Merchants = 100, Days = 60 }),
        new TrainingOptions { Candidates = [CandidateKind.BoostedTrees], Search = false, TrainDays = 14, ValidDays = 3, TestDays = 7 },
        false,
        TimeProvider.System,
        TextWriter.Null).Package);

    private readonly string _directory = Directory.CreateTempSubdirectory("api-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("not started");

    /// <summary>The SQLite file holding the registry, the audit log and the API key table.</summary>
    public string DatabasePath => Path.Combine(_directory, "fraudactors.db");

    /// <summary>Extra settings for a host of a particular test (e.g. a tiny rate limit).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public async Task InitializeAsync()
    {
        var database = DatabasePath;
        var package = Trained.Value;
        await using (var store = await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = database }))
        {
            var published = await store.PublishAsync(package, "test", "fixture");
            await store.SetAliasAsync(published.ModelName, ModelAliases.Champion, published.Version, "test", "fixture", forced: false);
            await store.PublishAsync(package, "test", "second copy, to promote");
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Demo:Enabled", "false")
                .UseSetting("Demo:ReportSeconds", "0")
                .UseSetting("Storage:Sqlite:Path", database)
                .UseSetting("Api:AllowAnonymousInDemo", "false");
            AddKey(builder, 0, "scorer", ScoreKey, ApiScopes.Score);
            AddKey(builder, 1, "reader", ReadKey, ApiScopes.Read);
            AddKey(builder, 2, "operator", AdminKey, ApiScopes.Admin);
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }
        });

        using var client = _factory.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode != System.Net.HttpStatusCode.OK)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the champion is loaded from the registry at start-up");
            await Task.Delay(50);
        }
    }

    public HttpClient Client(string? key)
    {
        var client = Factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", key);
        }

        return client;
    }

    public static Task<HttpResponseMessage> PostJson(HttpClient client, string path, string json) =>
        client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostJson<T>(HttpClient client, string path, T value) =>
        client.PostAsJsonAsync(new Uri(path, UriKind.Relative), value);

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static void AddKey(IWebHostBuilder builder, int index, string name, string key, string scope)
    {
        builder.UseSetting($"Api:Keys:{index}:Name", name)
            .UseSetting($"Api:Keys:{index}:Hash", ApiKeyHasher.Hash(key))
            .UseSetting($"Api:Keys:{index}:Scopes:0", scope);
    }
}
