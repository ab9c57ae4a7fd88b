using FraudActors.Gateway.Demo;
using FraudActors.Silo.Ingestion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Gateway.Tests;

/// <summary>The run command's process, in-process: simulated traffic flows through the silo and state survives a stop.</summary>
public sealed class EmbeddedDemoTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("demo-").FullName;

    [Fact]
    public async Task Simulated_traffic_is_ingested_and_grain_state_is_saved_on_stop()
    {
        var database = Path.Combine(_directory, "fraudactors.db");
        await using (var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("Storage:Sqlite:Path", database)
            .UseSetting("Demo:Cards", "400")
            .UseSetting("Demo:Merchants", "80")
            .UseSetting("Demo:WarmUpDays", "3")
            .UseSetting("Demo:TransactionsPerSecond", "0")
            .UseSetting("Demo:ReportSeconds", "0")
            .UseSetting("Demo:TrainModelIfMissing", "false")))
        {
            using var client = factory.CreateClient();
            (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).EnsureSuccessStatusCode();

            var metrics = factory.Services.GetRequiredService<IngestionMetrics>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (metrics.ProcessedTotal < 5_000 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            metrics.ProcessedTotal.Should().BeGreaterThanOrEqualTo(5_000, "the simulated stream reaches the grains");
            metrics.FailedTotal.Should().Be(0);
            var tally = factory.Services.GetRequiredService<DecisionTally>().Snapshot();
            (tally.Approved + tally.Reviewed + tally.Declined + tally.Unscored).Should().BeGreaterThanOrEqualTo(5_000);
        }

        // Stopping the host deactivated every grain and wrote its snapshot to the embedded store.
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM grain_state WHERE grain_type = 'cardholder'";
        Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(300);
    }

    [Fact]
    public async Task Stopping_while_the_first_model_is_being_trained_is_prompt()
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("Storage:Sqlite:Path", Path.Combine(_directory, "bootstrap.db"))
            .UseSetting("Demo:Cards", "200")
            .UseSetting("Demo:Merchants", "40")
            .UseSetting("Demo:WarmUpDays", "1")
            .UseSetting("Demo:TransactionsPerSecond", "500")
            .UseSetting("Demo:ReportSeconds", "0"));
        using (var client = factory.CreateClient())
        {
            (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await factory.DisposeAsync();

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "training observes the shutdown instead of holding the host");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
