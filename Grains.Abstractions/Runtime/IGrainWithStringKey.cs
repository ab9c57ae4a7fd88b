namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>A grain addressed by a string key (a card id, a model name, "0" for a singleton worker).</summary>
public interface IGrainWithStringKey : IGrain
{
}
