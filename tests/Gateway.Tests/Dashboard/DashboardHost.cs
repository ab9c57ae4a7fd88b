using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Gateway.Tests.Dashboard;

/// <summary>
/// The embedded demo (small: 300 cards, 1 warm-up day, 2,000 tx/s, no model training) on a real loopback port,
/// so both HttpClient and a real browser can reach it. Started once for the dashboard tests.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dashboard-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("not started");

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("Storage:Sqlite:Path", Path.Combine(_directory, "fraudactors.db"))
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
        return Task.CompletedTask;
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
