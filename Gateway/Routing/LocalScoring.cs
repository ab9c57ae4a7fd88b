using FraudActors.Gateway.Api;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Gateway.Routing;

/// <summary>
/// Scores a transaction on this silo. Embedded: a direct call to the card's grain, published to the sinks like a
/// stream decision. Kafka: through the stream (<see cref="StreamedScoring"/>), so the transaction is checkpointed
/// with everything else the partition processes.
/// </summary>
internal sealed class LocalScoring(IGrainFactory grains, IServiceProvider services)
{
    private readonly StreamedScoring? _streamed = services.GetService<StreamedScoring>();

    /// <summary>True when decisions come back through the stream (Kafka mode).</summary>
    public bool IsStreamed => _streamed is not null;

    /// <returns>The outcome; null when the stream did not decide in time.</returns>
    public async Task<TransactionOutcome?> ScoreAsync(CardTransaction transaction, long startedTimestamp, CancellationToken cancellationToken)
    {
        if (_streamed is not null)
        {
            return await _streamed.ScoreAsync(transaction, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await grains.GetGrain<ICardholderGrain>(transaction.CardId).ProcessAsync(transaction).ConfigureAwait(false);
        HttpDecisions.Publish(services, transaction, outcome, startedTimestamp);
        return outcome;
    }
}
