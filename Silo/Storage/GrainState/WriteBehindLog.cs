using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Storage.GrainState;

internal static partial class WriteBehindLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Writing a batch of {Count} grain snapshots failed; their writers get the error.")]
    public static partial void FlushFailed(ILogger logger, int count, Exception exception);
}
