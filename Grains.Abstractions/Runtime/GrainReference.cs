namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>
/// The address of a grain plus the means to send it a message. A grain interface's proxy (a small
/// hand-written class, like the code Orleans generates) implements the interface by forwarding each
/// method through <see cref="InvokeAsync{TGrain, TArg, TResult}"/> with a <c>static</c> lambda, so a
/// call allocates nothing beyond what the grain method itself does:
/// <code>
/// public ValueTask&lt;int&gt; AddAsync(int delta) =>
///     reference.InvokeAsync(delta, static (ICounterGrain grain, int d) => grain.AddAsync(d));
/// </code>
/// Several arguments travel as a value tuple. The call runs as one turn of the target activation.
/// </summary>
public abstract class GrainReference
{
    protected GrainReference(GrainId grainId) => GrainId = grainId;

    public GrainId GrainId { get; }

    /// <summary>Runs <paramref name="call"/> on the grain as one turn and returns its result.</summary>
    public abstract ValueTask<TResult> InvokeAsync<TGrain, TArg, TResult>(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call)
        where TGrain : IGrain;

    /// <summary>Runs <paramref name="call"/> on the grain as one turn.</summary>
    public abstract ValueTask InvokeAsync<TGrain, TArg>(TArg arg, Func<TGrain, TArg, ValueTask> call)
        where TGrain : IGrain;

    /// <summary>A call without arguments.</summary>
    public ValueTask<TResult> InvokeAsync<TGrain, TResult>(Func<TGrain, ValueTask<TResult>> call)
        where TGrain : IGrain =>
        InvokeAsync(call, static (TGrain grain, Func<TGrain, ValueTask<TResult>> c) => c(grain));

    /// <summary>A call without arguments or result.</summary>
    public ValueTask InvokeAsync<TGrain>(Func<TGrain, ValueTask> call)
        where TGrain : IGrain =>
        InvokeAsync(call, static (TGrain grain, Func<TGrain, ValueTask> c) => c(grain));

    public override string ToString() => GrainId.ToString();
}
