namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>An alias was pointed at a version that was never published.</summary>
public sealed class ModelVersionNotFoundException : KeyNotFoundException
{
    public ModelVersionNotFoundException(string model, int version)
        : base($"Model '{model}' has no version {version}; publish it first or pick one from the listing.")
    {
        Model = model;
        Version = version;
    }

    public string Model { get; }

    public int Version { get; }
}
