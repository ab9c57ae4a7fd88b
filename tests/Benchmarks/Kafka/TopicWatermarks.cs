using Confluent.Kafka;

namespace FraudActors.Benchmarks.Kafka;

/// <summary>
/// A topic's low and high watermarks summed over its partitions, from the broker. The high sum counts every record
/// ever appended, even those the mock cluster has since dropped; a low sum above 0 means it dropped some.
/// </summary>
internal static class TopicWatermarks
{
    public static (long Low, long High) Sum(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-watermarks",
        }).Build();
        long low = 0, high = 0;
        for (var p = 0; p < partitions; p++)
        {
            var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(topic, new Partition(p)), TimeSpan.FromSeconds(10));
            low += offsets.Low.Value;
            high += offsets.High.Value;
        }

        return (low, high);
    }
}
