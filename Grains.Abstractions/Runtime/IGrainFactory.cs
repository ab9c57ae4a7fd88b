namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>
/// Hands out references to grains. Getting a reference never activates anything: the grain is
/// activated by its first message, wherever and whenever that arrives.
/// </summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key)
        where TGrain : IGrainWithStringKey;
}
