using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FraudActors.Silo.Hosting;

/// <summary>The embedded default: the grain runtime, FraudActors' grains, and an in-memory stream this silo ingests entirely.</summary>
public static class EmbeddedSiloServiceCollectionExtensions
{
    public static IServiceCollection AddEmbeddedSilo(
        this IServiceCollection services,
        Action<InMemoryStreamOptions>? stream = null,
        Action<IngestionOptions>? ingestion = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrainRuntime();
        services.AddFraudGrains();
        services.AddOptions<InMemoryStreamOptions>().Configure(stream ?? (_ => { }))
            .Validate(o => o.Partitions is >= 1 and <= 1024, "InMemoryStream:Partitions must be between 1 and 1024.")
            .Validate(o => o.CapacityPerPartition is >= 1 and <= 1_000_000, "InMemoryStream:CapacityPerPartition must be between 1 and 1,000,000.")
            .ValidateOnStart();
        services.AddOptions<IngestionOptions>().Configure(ingestion ?? (_ => { }))
            .Validate(o => o.MaxInFlightPerPartition is >= 1 and <= 4096, "Ingestion:MaxInFlightPerPartition must be between 1 and 4096.")
            .ValidateOnStart();
        services.TryAddSingleton<InMemoryTransactionStream>();
        services.TryAddSingleton<IngestionMetrics>();
        services.TryAddSingleton<InMemoryIngestionService>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<InMemoryIngestionService>());
        return services;
    }
}
