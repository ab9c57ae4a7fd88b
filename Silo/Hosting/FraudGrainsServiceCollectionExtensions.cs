using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Scoring;
using FraudActors.Grains.Cardholder;
using FraudActors.Grains.Merchant;
using FraudActors.Grains.Registry;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FraudActors.Silo.Hosting;

/// <summary>
/// Registers FraudActors' grains and what they share on a grain runtime: the champion and challenger models, the
/// shadow queue and its scorer (a hosted service), and the promotion gate. The model registry grain needs an
/// <see cref="IModelRegistryStore"/> from the host; the host also runs <see cref="ChampionLoader"/> to follow it.
/// Register a <see cref="ShadowOptions"/>, <see cref="PromotionGateOptions"/> or <see cref="ModelRegistryOptions"/>
/// instance before this call to change their defaults.
/// </summary>
public static class FraudGrainsServiceCollectionExtensions
{
    public static IServiceCollection AddFraudGrains(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ChampionModels>();
        services.TryAddSingleton(new ShadowOptions());
        services.TryAddSingleton<ShadowQueue>();
        services.TryAddSingleton<ShadowStatistics>();
        // The scorer's idle nap is a poll interval, not domain time: a test's manual clock must not stall it.
        services.TryAddSingleton(provider => new ShadowScorer(
            provider.GetRequiredService<ShadowQueue>(), provider.GetRequiredService<ShadowStatistics>(), TimeProvider.System));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ShadowScoringService>());
        services.TryAddSingleton(new PromotionGateOptions());
        services.TryAddSingleton<PromotionGate>();
        services.TryAddSingleton(new ModelRegistryOptions());
        services.AddGrain<ICardholderGrain, CardholderGrain>(reference => new CardholderGrainReference(reference));
        services.AddGrain<IMerchantGrain, MerchantGrain>(reference => new MerchantGrainReference(reference));
        services.AddGrain<IScoringGrain, ScoringGrain>(reference => new ScoringGrainReference(reference));
        services.AddGrain<IModelRegistryGrain, ModelRegistryGrain>(reference => new ModelRegistryGrainReference(reference));
        return services;
    }
}
