using FraudActors.Silo.Kafka;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Kafka;

/// <summary>
/// Streams simulated transactions to the transactions topic exactly as the gateway and a stock Kafka producer would:
/// key = card id, the JSON value of <see cref="TransactionJson"/> with its schema-version header, and the murmur2
/// partition (<see cref="KafkaTransactionProducer"/> does all three). Optionally paced to a fixed rate.
/// </summary>
internal static class SimulationPublisher
{
    // Catch-up slack: below this the pacer does not sleep, so a 100k/s rate is not a timer call per row.
    private static readonly TimeSpan PaceSlack = TimeSpan.FromMilliseconds(5);

    /// <summary>Produces every row, then waits up to <paramref name="flushTimeout"/> for deliveries.</summary>
    /// <param name="rate">Rows per second; 0 = as fast as the broker takes them.</param>
    /// <param name="onRow">Called for each row produced (the command tallies them).</param>
    public static async Task<SimulationPublication> PublishAsync(
        IEnumerable<SimulatedTransaction> rows,
        KafkaOptions options,
        double rate,
        TimeSpan flushTimeout,
        TimeProvider time,
        Action<SimulatedTransaction>? onRow,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        using var producer = new KafkaTransactionProducer(options);
        var started = time.GetTimestamp();
        long produced = 0;
        foreach (var row in rows)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (rate > 0)
            {
                var due = TimeSpan.FromSeconds(produced / rate) - time.GetElapsedTime(started);
                if (due > PaceSlack)
                {
                    try
                    {
                        await Task.Delay(due, time, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }

            producer.Produce(row.Transaction);
            onRow?.Invoke(row);
            produced++;
        }

        var queued = producer.Flush(flushTimeout);
        return new SimulationPublication(produced, producer.Delivered, producer.DeliveryFailures, queued, producer.PartitionCount, time.GetElapsedTime(started));
    }
}
