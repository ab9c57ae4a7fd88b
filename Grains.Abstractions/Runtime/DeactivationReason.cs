namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>Why an activation is being deactivated; passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public enum DeactivationReason
{
    /// <summary>The grain called <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>No message arrived for longer than the configured idle age.</summary>
    IdleTimeout,

    /// <summary>The runtime exceeded its activation cap and this was among the least recently used.</summary>
    ActivationLimitExceeded,

    /// <summary>The runtime is stopping.</summary>
    ShuttingDown,

    /// <summary>The stream partition that feeds the grain moved to another silo (rebalance, shutdown, crash).</summary>
    PartitionRevoked,
}
