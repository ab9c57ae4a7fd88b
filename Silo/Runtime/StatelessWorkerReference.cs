using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Runtime;

/// <summary>The single reference of a stateless-worker address; calls go to its pool.</summary>
internal sealed class StatelessWorkerReference(StatelessWorkerPool pool, GrainId grainId) : GrainReference(grainId)
{
    public object Proxy { get; set; } = null!;

    public override ValueTask<TResult> InvokeAsync<TGrain, TArg, TResult>(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call) =>
        pool.Invoke(arg, call);

    public override ValueTask InvokeAsync<TGrain, TArg>(TArg arg, Func<TGrain, TArg, ValueTask> call) =>
        pool.Invoke(arg, call);
}
