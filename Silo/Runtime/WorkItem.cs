namespace FraudActors.Silo.Runtime;

/// <summary>An entry of an activation's mailbox: a call, a timer tick or the deactivation.</summary>
internal abstract class WorkItem
{
    /// <summary>
    /// Runs the item as a turn of <paramref name="activation"/>, which the caller owns. Returns false when
    /// the turn went asynchronous; the item then calls <see cref="Activation.ContinueDrain"/> once it completes.
    /// </summary>
    public abstract bool Execute(Activation activation);

    /// <summary>The activation is gone: move the item to its successor, or fail it.</summary>
    public abstract void Abandon(Activation activation);
}
