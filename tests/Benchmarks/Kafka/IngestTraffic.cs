using System.Globalization;
using FraudActors.Silo.Kafka;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Benchmarks.Kafka;

/// <summary>
/// Simulated transactions, already encoded as the topic's JSON values (so producing costs the benchmark as little as
/// possible), drawn from one endless simulator run: the backlog first, then the paced phase's records, which continue
/// every card's history in time order. Transaction ids are the simulator's running number ("T000000042"), which
/// <see cref="IndexOf"/> turns back into a position for the exactly-once tally.
/// </summary>
internal sealed class IngestTraffic
{
    private readonly IEnumerator<SimulatedTransaction> _rows;
    private readonly List<string> _keys = [];
    private readonly List<byte[]> _values = [];
    private long _valueBytes;

    public IngestTraffic(int cards, long seed)
    {
        // Days = 0: endless, so the paced phase can draw as many more rows as its rate needs.
        _rows = TransactionSimulator.Generate(new SimulationOptions { Seed = seed, Cards = cards, Merchants = Math.Max(100, cards / 10), Days = 0 })
            .GetEnumerator();
    }

    public int Count => _keys.Count;

    /// <summary>Mean encoded value size in bytes.</summary>
    public double MeanValueBytes => Count == 0 ? 0 : _valueBytes / (double)Count;

    public string KeyAt(int index) => _keys[index];

    public byte[] ValueAt(int index) => _values[index];

    /// <summary>Draws <paramref name="count"/> more rows; returns the index of the first.</summary>
    public int Extend(int count)
    {
        var first = Count;
        for (var i = 0; i < count && _rows.MoveNext(); i++)
        {
            var transaction = _rows.Current.Transaction;
            if (IndexOf(transaction.TransactionId) != Count)
            {
                throw new InvalidOperationException($"The simulator's ids are expected to be a running number; got '{transaction.TransactionId}' at {Count}.");
            }

            var value = TransactionJson.Serialize(transaction);
            _keys.Add(transaction.CardId);
            _values.Add(value);
            _valueBytes += value.Length;
        }

        return first;
    }

    /// <summary>The position of a simulator id ("T" + running number); -1 for anything else.</summary>
    public static int IndexOf(string transactionId) =>
        transactionId.Length > 1 && transactionId[0] == 'T'
        && int.TryParse(transactionId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;

    /// <summary>Produces rows [first, first + count) as fast as librdkafka takes them and waits for every delivery.</summary>
    public void ProduceAll(KafkaTransactionProducer producer, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            producer.ProduceRaw(_keys[i], _values[i]);
        }

        Flush(producer);
    }

    /// <summary>
    /// Produces rows [first, first + count) at <paramref name="perSecond"/>, in bursts of whatever is due each
    /// millisecond, and waits for every delivery.
    /// </summary>
    public async Task ProducePacedAsync(KafkaTransactionProducer producer, int first, int count, double perSecond, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var produced = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(1), time);
        while (produced < count)
        {
            var due = Math.Min(count, (int)(time.GetElapsedTime(started).TotalSeconds * perSecond));
            for (; produced < due; produced++)
            {
                producer.ProduceRaw(_keys[first + produced], _values[first + produced]);
            }

            if (produced < count)
            {
                await tick.WaitForNextTickAsync().ConfigureAwait(false);
            }
        }

        Flush(producer);
    }

    private static void Flush(KafkaTransactionProducer producer)
    {
        var queued = producer.Flush(TimeSpan.FromSeconds(60));
        if (queued > 0 || producer.DeliveryFailures > 0)
        {
            throw new InvalidOperationException($"The mock cluster did not take every transaction ({queued} still queued, {producer.DeliveryFailures} failed).");
        }
    }
}
