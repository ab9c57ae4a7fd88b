using FraudActors.Silo.Hosting;
using FraudActors.Silo.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// A silo that ingests the transactions topic as a member of a Kafka consumer group: the grain runtime,
/// FraudActors' grains, the consumer (<see cref="KafkaIngestionService"/>) and the decisions-topic sink.
/// </summary>
public static class KafkaSiloServiceCollectionExtensions
{
    public static IServiceCollection AddKafkaSilo(this IServiceCollection services, Action<KafkaOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddGrainRuntime();
        services.AddFraudGrains();
        services.AddOptions<KafkaOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());
        services.TryAddSingleton<IngestionMetrics>();
        services.TryAddSingleton<KafkaDecisionSink>();
        services.AddSingleton<IDecisionSink>(provider => provider.GetRequiredService<KafkaDecisionSink>());
        services.TryAddSingleton<KafkaIngestionService>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<KafkaIngestionService>());
        return services;
    }
}
