using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

internal interface ITickerGrain : IGrainWithStringKey
{
    ValueTask<int> TicksAsync();

    /// <summary>Keeps a turn open until the probe's gate opens.</summary>
    ValueTask HoldAsync();

    ValueTask DeactivateAsync();
}
