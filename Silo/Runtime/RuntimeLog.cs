using FraudActors.Grains.Abstractions.Runtime;
using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Runtime;

internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Activating grain {GrainId} failed; its queued messages fail with the same error.")]
    public static partial void ActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "OnDeactivateAsync of grain {GrainId} ({Reason}) threw; deactivation continues.")]
    public static partial void DeactivationHookFailed(ILogger logger, GrainId grainId, DeactivationReason reason, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Saving the state of grain {GrainId} on deactivation ({Reason}) failed; changes since its last write are lost.")]
    public static partial void StateWriteFailed(ILogger logger, GrainId grainId, DeactivationReason reason, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "A timer callback of grain {GrainId} threw; the timer keeps running.")]
    public static partial void TimerCallbackFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "{Live} activations exceed the cap of {Cap}; deactivating the {Count} least recently used.")]
    public static partial void EvictingLeastRecentlyUsed(ILogger logger, int live, int cap, int count);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Idle collection deactivated {Count} activations.")]
    public static partial void IdleCollected(ILogger logger, int count);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "The activation collector failed.")]
    public static partial void CollectorFailed(ILogger logger, Exception exception);
}
