using System.Text;
using Confluent.Kafka;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// Reads a whole topic from the beginning without joining a group (every partition assigned by hand), until a
/// number of records has arrived or a deadline passes. For tests, the demo and the benchmark.
/// </summary>
internal static class KafkaTopicReader
{
    public static List<TopicRecord> Read(string bootstrapServers, string topic, int expected, TimeSpan timeout, TimeSpan? settle = null)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "fraudactors-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        var partitions = KafkaTopics.PartitionCount(consumer.Handle, topic, TimeSpan.FromSeconds(10));
        var assignment = new List<TopicPartitionOffset>(partitions);
        for (var p = 0; p < partitions; p++)
        {
            assignment.Add(new TopicPartitionOffset(topic, new Partition(p), Offset.Beginning));
        }

        consumer.Assign(assignment);
        var records = new List<TopicRecord>(Math.Max(expected, 16));
        // Wall-clock deadlines on purpose: this waits for a broker, not for domain time.
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        // After the expected count, keep reading a little so a surplus (a duplicate) is seen too.
        TimeSpan? quietAfter = null;
        while (clock.GetElapsedTime(started) < timeout && (quietAfter is null || clock.GetElapsedTime(started) < quietAfter))
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            var headers = new Dictionary<string, string>();
            if (result.Message.Headers is { } messageHeaders)
            {
                foreach (var header in messageHeaders)
                {
                    headers[header.Key] = Encoding.UTF8.GetString(header.GetValueBytes());
                }
            }

            records.Add(new TopicRecord(result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value ?? [], headers));
            if (records.Count >= expected && quietAfter is null)
            {
                quietAfter = clock.GetElapsedTime(started) + (settle ?? TimeSpan.FromMilliseconds(500));
            }
        }

        consumer.Close();
        return records;
    }
}
