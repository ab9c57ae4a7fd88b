using FraudActors.Silo.Runtime;
using Microsoft.Extensions.Hosting;

namespace FraudActors.Silo.Hosting;

/// <summary>Creates the runtime when the host starts and deactivates every grain when it stops.</summary>
internal sealed class GrainRuntimeHostedService(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
