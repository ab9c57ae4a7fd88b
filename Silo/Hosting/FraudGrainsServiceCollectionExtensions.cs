using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Scoring;
using FraudActors.Grains.Cardholder;
using FraudActors.Grains.Merchant;
using FraudActors.Grains.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FraudActors.Silo.Hosting;

/// <summary>Registers FraudActors' grains and what they share (the champion models) on a grain runtime.</summary>
public static class FraudGrainsServiceCollectionExtensions
{
    public static IServiceCollection AddFraudGrains(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ChampionModels>();
        services.AddGrain<ICardholderGrain, CardholderGrain>(reference => new CardholderGrainReference(reference));
        services.AddGrain<IMerchantGrain, MerchantGrain>(reference => new MerchantGrainReference(reference));
        services.AddGrain<IScoringGrain, ScoringGrain>(reference => new ScoringGrainReference(reference));
        return services;
    }
}
