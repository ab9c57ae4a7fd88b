using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Runtime;
using FraudActors.Silo.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Hosting;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime: <see cref="IGrainFactory"/>, the in-memory <see cref="IGrainStorage"/> unless
    /// another provider is registered, <see cref="TimeProvider.System"/> unless another clock is, and a hosted
    /// service that deactivates all grains (saving state) when the host stops.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GrainRuntimeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGrainStorage, InMemoryGrainStorage>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(static provider => provider.GetRequiredService<GrainRuntime>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, GrainRuntimeHostedService>());
        return services;
    }

    /// <summary>
    /// Registers grain class <typeparamref name="TGrain"/> behind interface <typeparamref name="TGrainInterface"/>.
    /// <paramref name="referenceFactory"/> wraps a <see cref="GrainReference"/> in the interface's proxy class.
    /// The class gets constructor injection from the service provider.
    /// </summary>
    public static IServiceCollection AddGrain<TGrainInterface, TGrain>(
        this IServiceCollection services,
        Func<GrainReference, TGrainInterface> referenceFactory)
        where TGrainInterface : class, IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(referenceFactory);
        var grainType = typeof(TGrain);
        if (grainType.IsAbstract)
        {
            throw new ArgumentException($"{grainType.Name} is abstract; register a concrete grain class.", nameof(TGrain));
        }

        if (Attribute.IsDefined(grainType, typeof(StatelessWorkerAttribute)) && HasPersistentState(grainType))
        {
            throw new ArgumentException($"{grainType.Name} is a stateless worker and cannot derive from Grain<TState>.", nameof(TGrain));
        }

        services.AddSingleton(new GrainRegistration(typeof(TGrainInterface), grainType, reference => referenceFactory(reference)));
        return services;
    }

    private static bool HasPersistentState(Type grainType)
    {
        for (var type = grainType.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Grain<>))
            {
                return true;
            }
        }

        return false;
    }
}
