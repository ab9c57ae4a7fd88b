using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Silo.Audit;

namespace FraudActors.Gateway.Api;

/// <summary>
/// A retried transaction id must get its first decision back. The card grain remembers only its latest outcome
/// (memory per card is the budget), so for an older duplicate the decision comes from the audit log, the system of
/// record. A retry that arrives before the audit writer has flushed the first decision (≤ its flush interval)
/// still answers "duplicate" without a score.
/// </summary>
internal static class FirstDecisions
{
    public static async ValueTask<TransactionOutcome> RestoreAsync(TransactionOutcome outcome, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (outcome.Outcome != FeatureOutcome.Duplicate || outcome.Score is not null || services.GetService<IAuditReader>() is not { } audit)
        {
            return outcome;
        }

        var first = await audit.GetAsync(outcome.TransactionId, cancellationToken).ConfigureAwait(false);
        return first is null
            ? outcome
            : outcome with { Score = new FraudScore(first.Probability, first.Decision, first.Thresholds, first.ModelName, first.ModelVersion, first.Reasons) };
    }
}
