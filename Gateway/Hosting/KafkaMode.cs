using FraudActors.Gateway.Routing;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Kafka;
using FraudActors.Silo.Membership;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Hosting;

/// <summary>
/// The gateway as one silo of a Kafka deployment: <c>Kafka:BootstrapServers</c> points at the brokers, or
/// <c>Kafka:Mock=true</c> starts librdkafka's mock cluster inside this process (a single-process trial with the real
/// protocol; other processes and kcat can connect to the address it logs). With PostgreSQL configured the silo also
/// joins the membership table, so gateways and dashboards find the owner of any card.
/// </summary>
internal sealed class KafkaMode
{
    private KafkaMode(string? bootstrapServers, bool mock, int mockPartitions)
    {
        BootstrapServers = bootstrapServers;
        Mock = mock;
        MockPartitions = mockPartitions;
    }

    public string? BootstrapServers { get; }

    public bool Mock { get; }

    public int MockPartitions { get; }

    /// <summary>The Kafka settings of this process, or null for the embedded in-memory stream.</summary>
    public static KafkaMode? From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Kafka");
        var mock = section.GetValue<bool>("Mock");
        var bootstrap = section["BootstrapServers"];
        if (!mock && string.IsNullOrWhiteSpace(bootstrap))
        {
            return null;
        }

        return new KafkaMode(bootstrap, mock, section.GetValue("MockPartitions", 12));
    }

    public void AddTo(IServiceCollection services, IConfiguration configuration, string? postgres)
    {
        KafkaMockCluster? cluster = null;
        if (Mock)
        {
            // Started now, while the host is built, so the consumer's options can carry its address.
            cluster = new KafkaMockCluster();
            var names = new KafkaOptions();
            configuration.GetSection("Kafka").Bind(names);
            cluster.CreateTopics(names, MockPartitions);
            services.AddSingleton(_ => cluster);
            Console.WriteLine($"Kafka mock cluster (librdkafka, in this process): {cluster.BootstrapServers} — topics {names.TransactionsTopic}, {names.DecisionsTopic}, {names.LabelsTopic}, {names.DeadLetterTopic} with {MockPartitions} partitions each");
        }

        services.AddKafkaSilo(options =>
        {
            if (cluster is not null)
            {
                // The mock holds an empty fetch for the whole wait (a real broker answers when data arrives).
                options.FetchWaitMaxMs = 10;
            }

            configuration.GetSection("Kafka").Bind(options);
            options.BootstrapServers = cluster?.BootstrapServers ?? BootstrapServers!;
        });
        var mock = Mock;
        services.AddSingleton(provider => new KafkaTransactionAppender(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<KafkaOptions>>(),
            provider.GetRequiredService<IngestionMetrics>(),
            provider.GetRequiredService<TimeProvider>())
        {
            // The mock cluster keeps a few MiB per partition: the demo's generator must not run far ahead of the silo.
            MaxAhead = mock ? 50_000 : 0,
        });
        services.AddSingleton<ITransactionAppender>(provider => provider.GetRequiredService<KafkaTransactionAppender>());
        services.AddSingleton<IPartitionOwnership>(provider => provider.GetRequiredService<KafkaIngestionService>());

        // HTTP transactions travel through the stream, so they are checkpointed like every other record.
        services.AddSingleton<DecisionWaiters>();
        services.AddSingleton<IDecisionSink>(provider => provider.GetRequiredService<DecisionWaiters>());
        services.AddSingleton<StreamedScoring>();
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.AddPostgresMembership(options =>
            {
                configuration.GetSection("Membership").Bind(options);
                options.ConnectionString = postgres;
                options.Address = FraudActorsHostingExtensions.SiloAddress(configuration);
            });
        }
    }
}
