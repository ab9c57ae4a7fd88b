using FraudActors.Silo.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FraudActors.Silo.Membership;

/// <summary>Registers the PostgreSQL membership table for a Kafka silo (call after AddKafkaSilo).</summary>
internal static class MembershipServiceCollectionExtensions
{
    public static IServiceCollection AddPostgresMembership(this IServiceCollection services, Action<MembershipOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MembershipOptions>().Configure(configure)
            .Validate(options => options.Validate() is null, "Invalid Membership settings: check Membership:ConnectionString, Address, HeartbeatInterval and Expiry.")
            .ValidateOnStart();
        services.TryAddSingleton<IPartitionOwnership>(provider => provider.GetRequiredService<KafkaIngestionService>());
        services.TryAddSingleton<PostgresSiloDirectory>();
        services.AddSingleton<ISiloDirectory>(provider => provider.GetRequiredService<PostgresSiloDirectory>());
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<PostgresSiloDirectory>());
        return services;
    }
}
