using Confluent.Kafka;

namespace FraudActors.Benchmarks.Kafka;

/// <summary>
/// The ceiling: the silo's Kafka client (Confluent.Kafka on librdkafka, the silo's consumer settings, a fresh
/// consumer group) reading the whole transactions topic and doing nothing with the records. The bench takes the
/// better of two reads, so run-to-run noise makes the ceiling higher, never lower.
/// </summary>
internal static class RawConsumeRate
{
    /// <summary>Reads <paramref name="expected"/> records; returns the time from the first record to the last.</summary>
    public static TimeSpan Measure(string bootstrapServers, string topic, long expected, TimeProvider time)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-raw-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 2000,
            EnablePartitionEof = false,
            // As the silo against the mock cluster (see KafkaOptions.FetchWaitMaxMs).
            FetchWaitMaxMs = 10,
        }).Build();
        consumer.Subscribe(topic);
        var deadline = time.GetTimestamp();
        long first = 0, count = 0;
        var poll = TimeSpan.FromMilliseconds(100);
        while (count < expected)
        {
            var result = consumer.Consume(poll);
            if (result is null)
            {
                // The group join takes a few seconds; after that an empty poll means records are missing.
                if (time.GetElapsedTime(deadline) > TimeSpan.FromSeconds(30))
                {
                    throw new InvalidOperationException($"The raw consumer read only {count:N0} of {expected:N0} records.");
                }

                continue;
            }

            if (count++ == 0)
            {
                first = time.GetTimestamp();
            }

            deadline = time.GetTimestamp();
        }

        var elapsed = time.GetElapsedTime(first);
        consumer.Close();
        return elapsed;
    }
}
