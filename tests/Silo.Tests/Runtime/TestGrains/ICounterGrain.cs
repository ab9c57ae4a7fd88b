using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

internal interface ICounterGrain : IGrainWithStringKey
{
    ValueTask<long> AddAsync(long delta);

    ValueTask<long> GetAsync();

    /// <summary>Calls another grain from inside its own turn.</summary>
    ValueTask<long> AddDoubledAsync(int value);

    /// <summary>Saves state with a stream position, as a stream-driven grain does.</summary>
    ValueTask CheckpointAsync(StreamPosition position);

    ValueTask DeactivateAsync();
}
