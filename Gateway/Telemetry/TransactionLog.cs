using System.Diagnostics;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Gateway.Telemetry;

/// <summary>Per-transaction log lines of the HTTP path, with the transaction id as a structured field.</summary>
internal static partial class TransactionLog
{
    private const string Category = "FraudActors.Gateway.Transactions";

    /// <summary>
    /// Logs a failed grain call; used as an exception filter (returns false), so it runs before the stack unwinds,
    /// inside the request's span and scopes, and the exception still reaches the problem-details handler.
    /// </summary>
    public static bool Failed(IServiceProvider services, CardTransaction transaction, Exception exception)
    {
        if (services.GetService<ILoggerFactory>() is { } factory && transaction is not null)
        {
            ScoringFailed(factory.CreateLogger(Category), transaction.TransactionId, exception);
            Activity.Current?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        }

        return false;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Transaction {TransactionId} could not be scored")]
    private static partial void ScoringFailed(ILogger logger, string transactionId, Exception exception);
}
