namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>
/// Marks a grain class as a stateless worker: one address is served by a local pool of up to
/// <see cref="MaxLocalWorkers"/> activations, each still single-threaded, so at most that many turns
/// run at once. Stateless workers cannot derive from <see cref="Grain{TState}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <summary>Pool size from the runtime options (default: one per core).</summary>
    public StatelessWorkerAttribute()
        : this(-1)
    {
    }

    /// <param name="maxLocalWorkers">Pool size; zero or less means the runtime default.</param>
    public StatelessWorkerAttribute(int maxLocalWorkers) => MaxLocalWorkers = maxLocalWorkers;

    public int MaxLocalWorkers { get; }
}
