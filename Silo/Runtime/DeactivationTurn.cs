using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Runtime;

/// <summary>
/// The last turn of an activation. <see cref="UsedBefore"/> lets it stand down when a message arrived
/// after the collector chose this activation (the grain is no longer idle or least recently used).
/// </summary>
internal sealed class DeactivationTurn(DeactivationReason reason, long usedBefore) : WorkItem
{
    public DeactivationReason Reason { get; } = reason;

    /// <summary>Deactivate only if the last message turn started at or before this timestamp.</summary>
    public long UsedBefore { get; } = usedBefore;

    public override bool Execute(Activation activation) => activation.RunDeactivation(this);

    public override void Abandon(Activation activation)
    {
    }
}
