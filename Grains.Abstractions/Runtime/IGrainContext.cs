namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>What an activation offers the grain instance it hosts. Implemented by the runtime.</summary>
internal interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    TimeProvider TimeProvider { get; }

    IGrainStorage Storage { get; }

    IDisposable RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period);

    void DeactivateOnIdle();
}
