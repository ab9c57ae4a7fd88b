namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>Marker for grain interfaces: every method returns <see cref="ValueTask"/>/<see cref="Task"/>.</summary>
public interface IGrain
{
}
