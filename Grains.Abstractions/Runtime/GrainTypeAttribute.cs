namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>
/// Names a grain class's type for storage and metrics. Without it the class name is used, so renaming
/// a class would orphan its stored state: put this on every grain that persists state.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
