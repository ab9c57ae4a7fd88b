using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;

namespace FraudActors.Benchmarks.Kafka;

/// <summary>
/// A decision sink next to the decisions-topic one: counts the decisions of every transaction by its position, so
/// "exactly one decision each" is checked over the whole run without reading the decisions topic back (the mock
/// cluster keeps only ~5 MiB per partition). One interlocked increment per record.
/// </summary>
internal sealed class DecisionTally(int capacity) : IDecisionSink
{
    private readonly int[] _counts = new int[capacity];
    private long _unknown;

    /// <summary>Transaction positions it can count, [0, capacity).</summary>
    public int Capacity => _counts.Length;

    public void Accept(in StreamRecord record, TransactionOutcome outcome)
    {
        var index = IngestTraffic.IndexOf(outcome.TransactionId);
        if ((uint)index < (uint)_counts.Length)
        {
            Interlocked.Increment(ref _counts[index]);
        }
        else
        {
            Interlocked.Increment(ref _unknown);
        }
    }

    /// <summary>Over positions [0, count): how many have no decision and how many more than one; plus unknown ids.</summary>
    public (long Missing, long Duplicated, long Unknown) Check(int count)
    {
        long missing = 0, duplicated = 0;
        for (var i = 0; i < count; i++)
        {
            var seen = Volatile.Read(ref _counts[i]);
            if (seen == 0)
            {
                missing++;
            }
            else if (seen > 1)
            {
                duplicated++;
            }
        }

        return (missing, duplicated, Interlocked.Read(ref _unknown));
    }
}
