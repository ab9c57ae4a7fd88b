using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

/// <summary>Checks turn exclusivity and per-caller order.</summary>
internal interface ISequenceGrain : IGrainWithStringKey
{
    /// <summary>Records message <paramref name="sequence"/> of <paramref name="caller"/>; returns the turns seen.</summary>
    ValueTask<int> RecordAsync(int caller, int sequence);

    ValueTask<int> OrderViolationsAsync();

    ValueTask FailAsync(bool synchronously);
}
