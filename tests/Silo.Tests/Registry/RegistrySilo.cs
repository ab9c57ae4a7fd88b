using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Registry;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FraudActors.Silo.Tests.Registry;

/// <summary>
/// A silo as the host builds it — AddGrainRuntime + AddFraudGrains + a registry store + the champion loader —
/// with its hosted services started, over a store the test owns.
/// </summary>
internal sealed class RegistrySilo : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _started = [];

    private RegistrySilo(ServiceProvider provider) => _provider = provider;

    public IGrainFactory Grains => _provider.GetRequiredService<IGrainFactory>();

    public ChampionModels Models => _provider.GetRequiredService<ChampionModels>();

    public ShadowQueue Shadow => _provider.GetRequiredService<ShadowQueue>();

    public IModelRegistryStore Store => _provider.GetRequiredService<IModelRegistryStore>();

    public IGrainStorage Storage => _provider.GetRequiredService<IGrainStorage>();

    public IModelRegistryGrain Registry(string model = "card-behaviour") => Grains.GetGrain<IModelRegistryGrain>(model);

    public static async Task<RegistrySilo> StartAsync(IModelRegistryStore store, ShadowOptions? shadow = null, PromotionGateOptions? gate = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddSingleton(shadow ?? new ShadowOptions { FlushInterval = TimeSpan.FromMinutes(10) });
        services.AddSingleton(gate ?? new PromotionGateOptions { SampleRows = 500 });
        services.AddSingleton(new ModelRegistryOptions { ServeTimeout = TimeSpan.FromSeconds(5) });
        services.AddGrainRuntime();
        services.AddFraudGrains();
        services.AddHostedService<ChampionLoader>();
        var silo = new RegistrySilo(services.BuildServiceProvider(validateScopes: true));
        foreach (var service in silo._provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            silo._started.Add(service);
        }

        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
    }
}
