using Confluent.Kafka;

namespace FraudActors.Silo.Kafka;

/// <summary>Topic metadata through an existing client handle.</summary>
internal static class KafkaTopics
{
    public static int PartitionCount(Handle handle, string topic, TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(handle).Build();
        var metadata = admin.GetMetadata(topic, timeout);
        foreach (var entry in metadata.Topics)
        {
            if (entry.Topic == topic && !entry.Error.IsError && entry.Partitions.Count > 0)
            {
                return entry.Partitions.Count;
            }
        }

        throw new InvalidOperationException($"Kafka topic '{topic}' was not found (create it first; the mock cluster needs KafkaMockCluster.CreateTopic).");
    }
}
