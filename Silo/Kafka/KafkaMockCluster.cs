using System.Runtime.InteropServices;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// librdkafka's mock Kafka cluster, started in this process: real brokers on 127.0.0.1 that any client (another
/// process, kcat) can reach at <see cref="BootstrapServers"/>. Everything is in memory and each partition keeps
/// only a few MiB, so it is for tests and demos. Create topics with <see cref="CreateTopic"/>: the cluster does
/// not implement the CreateTopics request, and auto-created topics get 4 partitions.
/// </summary>
public sealed unsafe class KafkaMockCluster : IDisposable
{
    private readonly nint _handle;
    private nint _cluster;

    public KafkaMockCluster(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        const int errorSize = 512;
        var error = stackalloc byte[errorSize];
        var conf = KafkaNative.ConfNew();
        // The hosting handle only carries the cluster; keep it quiet and away from any real broker.
        if (KafkaNative.ConfSet(conf, "log_level", "3", error, errorSize) != 0)
        {
            KafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_conf_set failed: {Marshal.PtrToStringUTF8((nint)error)}");
        }

        _handle = KafkaNative.New(KafkaNative.ProducerType, conf, error, errorSize);
        if (_handle == 0)
        {
            KafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {Marshal.PtrToStringUTF8((nint)error)}");
        }

        _cluster = KafkaNative.MockClusterNew(_handle, brokers);
        if (_cluster == 0)
        {
            KafkaNative.Destroy(_handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(KafkaNative.MockClusterBootstraps(_cluster))
            ?? throw new InvalidOperationException("The mock cluster has no bootstrap address.");
    }

    /// <summary>"127.0.0.1:port,…", one address per broker.</summary>
    public string BootstrapServers { get; }

    /// <summary>Creates a topic (replication factor 1).</summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ObjectDisposedException.ThrowIf(_cluster == 0, this);
        var error = KafkaNative.MockTopicCreate(_cluster, name, partitions, 1);
        if (error != 0)
        {
            throw new InvalidOperationException($"rd_kafka_mock_topic_create('{name}', {partitions}) failed with error {error}.");
        }
    }

    /// <summary>Creates the four topics of <paramref name="options"/> with <paramref name="partitions"/> partitions each.</summary>
    public void CreateTopics(KafkaOptions options, int partitions)
    {
        ArgumentNullException.ThrowIfNull(options);
        CreateTopic(options.TransactionsTopic, partitions);
        CreateTopic(options.DecisionsTopic, partitions);
        CreateTopic(options.LabelsTopic, partitions);
        CreateTopic(options.DeadLetterTopic, partitions);
    }

    public void Dispose()
    {
        if (_cluster == 0)
        {
            return;
        }

        KafkaNative.MockClusterDestroy(_cluster);
        _cluster = 0;
        KafkaNative.Destroy(_handle);
    }
}
