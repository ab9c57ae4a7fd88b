using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

internal interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Holds the turn open until the probe's gate opens; returns the worker instance's id.</summary>
    ValueTask<int> WorkAsync();

    ValueTask<int> DoubleAsync(int value);
}
