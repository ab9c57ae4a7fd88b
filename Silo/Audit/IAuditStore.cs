using FraudActors.Grains.Abstractions.Audit;

namespace FraudActors.Silo.Audit;

/// <summary>Where the audit writer puts batches. Used by one writer at a time.</summary>
internal interface IAuditStore
{
    /// <summary>
    /// Writes <paramref name="batch"/> atomically and idempotently: rows whose transaction is already in the log
    /// are skipped, so a batch retried after an ambiguous failure never duplicates a row. Returns the rows added.
    /// </summary>
    Task<int> WriteAsync(IReadOnlyList<AuditedDecision> batch, CancellationToken cancellationToken);

    /// <summary>True when the failure is the store being unreachable or busy (retry later), false when the batch itself is at fault.</summary>
    bool IsTransient(Exception failure);
}
