using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Runtime;

/// <summary>
/// A reference to an ordinary grain. It remembers the activation it last reached, so a call on a live
/// grain skips the directory; once that activation is gone it resolves (and if needed creates) the next.
/// </summary>
internal sealed class ActivationReference(GrainClass grainClass, string key)
    : GrainReference(new GrainId(grainClass.Name, key))
{
    private Activation? _activation;

    public object Proxy { get; set; } = null!;

    public override ValueTask<TResult> InvokeAsync<TGrain, TArg, TResult>(TArg arg, Func<TGrain, TArg, ValueTask<TResult>> call)
    {
        var activation = _activation;
        if (activation is null || activation.IsDeactivated)
        {
            try
            {
                activation = Resolve();
            }
            catch (Exception ex)
            {
                return ValueTask.FromException<TResult>(ex);
            }
        }

        return activation.Invoke(arg, call);
    }

    public override ValueTask InvokeAsync<TGrain, TArg>(TArg arg, Func<TGrain, TArg, ValueTask> call)
    {
        var activation = _activation;
        if (activation is null || activation.IsDeactivated)
        {
            try
            {
                activation = Resolve();
            }
            catch (Exception ex)
            {
                return ValueTask.FromException(ex);
            }
        }

        return activation.Invoke(arg, call);
    }

    private Activation Resolve()
    {
        var activation = grainClass.GetOrActivate(key);
        activation.AdoptReference(this);
        _activation = activation;
        return activation;
    }
}
