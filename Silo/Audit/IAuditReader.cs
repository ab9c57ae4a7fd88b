using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Merchant;

namespace FraudActors.Silo.Audit;

/// <summary>The reading side of the audit log: monitoring aggregates, one decision for replay, and the labels that arrive later.</summary>
internal interface IAuditReader
{
    /// <summary>Aggregates over the decisions made in [<paramref name="from"/>, <paramref name="to"/>) (decision time).</summary>
    Task<AuditReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The audit row of <paramref name="transactionId"/>, or null when it was never audited.</summary>
    Task<AuditedDecision?> GetAsync(string transactionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest audited decisions of <paramref name="cardId"/> (by event time, newest first), at most
    /// <paramref name="limit"/>; empty when the card has none.
    /// </summary>
    Task<IReadOnlyList<AuditedDecision>> RecentForCardAsync(string cardId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Stores confirmed labels (one per transaction; a later label replaces an earlier one). Returns how many were given.</summary>
    Task<int> UpsertLabelsAsync(IReadOnlyCollection<TransactionLabel> labels, CancellationToken cancellationToken = default);
}
