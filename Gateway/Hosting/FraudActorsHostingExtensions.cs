using FraudActors.Gateway.Api;
using FraudActors.Gateway.Dashboard;
using FraudActors.Gateway.Demo;
using FraudActors.Gateway.Routing;
using FraudActors.Gateway.Telemetry;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Membership;
using FraudActors.Silo.Registry;
using FraudActors.Silo.Storage.GrainState;
using FraudActors.Silo.Storage.Postgres;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Silo.Streaming;
using FraudActors.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Hosting;

/// <summary>Wires the gateway process: the embedded silo, the model registry, champion hot-swap and the demo traffic.</summary>
internal static class FraudActorsHostingExtensions
{
    public static WebApplicationBuilder AddFraudActors(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var postgres = configuration["Storage:Postgres:ConnectionString"] ?? configuration[PostgresStoreOptions.EnvironmentVariable];
        if (KafkaMode.From(configuration) is { } kafka)
        {
            // Production topology: this process is one silo of the consumer group on the transactions topic.
            kafka.AddTo(services, configuration, postgres);
        }
        else
        {
            services.AddEmbeddedSilo(
                stream => configuration.GetSection("InMemoryStream").Bind(stream),
                ingestion => configuration.GetSection("Ingestion").Bind(ingestion));
            services.AddSingleton<ITransactionAppender>(provider => provider.GetRequiredService<InMemoryTransactionStream>());
            services.AddSingleton<IPartitionOwnership>(provider =>
                new FixedPartitionOwnership(provider.GetRequiredService<IOptions<InMemoryStreamOptions>>().Value.Partitions));
        }

        // Production keeps grain state and the registry in PostgreSQL; the embedded default in one SQLite file.
        // Either way grain state survives a restart (snapshots written behind in batches).
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddPostgresGrainStorage(options => options.ConnectionString = postgres);
            services.AddPostgresAudit(options =>
            {
                configuration.GetSection("Audit").Bind(options);
                options.ConnectionString = postgres;
            });
            services.AddSingleton<IModelRegistryStore>(_ =>
                PostgresModelRegistryStore.OpenAsync(new PostgresStoreOptions { ConnectionString = postgres }).GetAwaiter().GetResult());
        }
        else
        {
            services.AddSqliteGrainStorage(options => configuration.GetSection("Storage:Sqlite").Bind(options));
            services.AddSqliteAudit(options =>
            {
                configuration.GetSection("Audit").Bind(options);
                options.SqlitePath = configuration["Storage:Sqlite:Path"] ?? options.SqlitePath;
            });
            services.AddSingleton<IModelRegistryStore>(_ =>
            {
                var options = new SqliteStoreOptions();
                configuration.GetSection("Storage:Sqlite").Bind(options);
                // Start-up only: the store migrates its schema once before the host starts serving.
                return SqliteModelRegistryStore.OpenAsync(options).GetAwaiter().GetResult();
            });
        }

        // One silo on its own is a one-member cluster; with Kafka and PostgreSQL the membership table replaces this.
        services.TryAddSingleton<ISiloDirectory>(provider => new LocalSiloDirectory(
            provider.GetRequiredService<IPartitionOwnership>(), SiloAddress(configuration), provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ChampionLoader>();
        services.AddSingleton<TurnLatencyTap>();

        services.AddOptions<DemoOptions>()
            .Configure(options =>
            {
                // The simulated clock lives beside the embedded store, so a store in another place keeps its own timeline.
                var store = configuration["Storage:Sqlite:Path"] ?? SqliteStoreOptions.DefaultPath;
                options.ClockFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store)) ?? ".", "demo-clock.txt");
            })
            .Bind(configuration.GetSection("Demo"))
            .Validate(options => options.Validate() is null, "Invalid Demo settings: check Demo:TransactionsPerSecond, Cards, Merchants and ReportSeconds.")
            .ValidateOnStart();
        services.AddSingleton<DemoLabels>();
        services.AddSingleton<DecisionTally>();
        services.AddSingleton<IDecisionSink>(provider => provider.GetRequiredService<DecisionTally>());
        services.AddHostedService<DemoModelBootstrapper>();
        services.AddSingleton<SimulatedTrafficService>();
        services.AddHostedService(provider => provider.GetRequiredService<SimulatedTrafficService>());
        services.AddHostedService<ConsoleReporter>();
        services.AddGatewayApi(configuration);
        services.AddHttpClient(CardRouter.ClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<CardRouter>();
        services.AddSingleton<LocalScoring>();
        services.AddDashboard();
        services.AddTelemetry(configuration);
        return builder;
    }

    /// <summary>The URL other gateways reach this one on: <c>Silo:Address</c>, else the first of <c>Urls</c>.</summary>
    public static string SiloAddress(IConfiguration configuration) =>
        configuration["Silo:Address"] ?? configuration["Urls"]?.Split(';')[0] ?? "http://127.0.0.1:5080";

    public static WebApplication MapFraudActors(this WebApplication app)
    {
        app.MapGatewayApi();
        app.MapDashboard();
        app.MapTelemetry();
        app.MapGet("/health/live", () => TypedResults.Ok("live")).AllowAnonymous();
        return app;
    }
}
