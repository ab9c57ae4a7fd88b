namespace FraudActors.Silo.Kafka;

/// <summary>Where the silo finds Kafka, which topics it uses, and its consumer settings (section "Kafka").</summary>
public sealed class KafkaOptions
{
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    /// <summary>Every silo joins this consumer group; Kafka splits the transaction partitions among them.</summary>
    public string GroupId { get; set; } = "fraudactors-silos";

    public string TransactionsTopic { get; set; } = "transactions";

    public string DecisionsTopic { get; set; } = "decisions";

    public string LabelsTopic { get; set; } = "labels";

    public string DeadLetterTopic { get; set; } = "transactions.dlq";

    /// <summary>A silo that stops heart-beating loses its partitions after this long (a rebalance waits about this − 1 s).</summary>
    public int SessionTimeoutMs { get; set; } = 6000;

    /// <summary>Grain calls one partition may have in flight; when full, the partition is paused.</summary>
    public int MaxInFlightPerPartition { get; set; } = 256;

    /// <summary>How often completed offsets are committed (also on revoke and shutdown).</summary>
    public int CommitIntervalMs { get; set; } = 1000;

    /// <summary>
    /// How long the broker may hold a fetch that finds no data (librdkafka's <c>fetch.wait.max.ms</c>). A real broker
    /// answers as soon as data arrives; librdkafka's mock cluster holds an empty fetch for the whole wait, so mock
    /// deployments set this low (the gateway's <c>Kafka:Mock</c> uses 10 ms).
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 500;

    /// <summary>
    /// Decisions librdkafka may hold before they are delivered (<c>queue.buffering.max.messages</c>). When it is full
    /// the partition that produces waits for deliveries — backpressure, never a dropped decision.
    /// </summary>
    public int DecisionQueueMaxMessages { get; set; } = 100_000;

    /// <summary>Returns what is wrong, one message per problem; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Require(errors, BootstrapServers, nameof(BootstrapServers));
        Require(errors, GroupId, nameof(GroupId));
        Require(errors, TransactionsTopic, nameof(TransactionsTopic));
        Require(errors, DecisionsTopic, nameof(DecisionsTopic));
        Require(errors, LabelsTopic, nameof(LabelsTopic));
        Require(errors, DeadLetterTopic, nameof(DeadLetterTopic));
        if (DeadLetterTopic == TransactionsTopic || DecisionsTopic == TransactionsTopic)
        {
            errors.Add("Kafka:DecisionsTopic and Kafka:DeadLetterTopic must differ from Kafka:TransactionsTopic.");
        }

        if (SessionTimeoutMs is < 1000 or > 300_000)
        {
            errors.Add("Kafka:SessionTimeoutMs must be between 1000 and 300000.");
        }

        if (MaxInFlightPerPartition is < 1 or > 4096)
        {
            errors.Add("Kafka:MaxInFlightPerPartition must be between 1 and 4096.");
        }

        if (DecisionQueueMaxMessages is < 1 or > 10_000_000)
        {
            errors.Add("Kafka:DecisionQueueMaxMessages must be between 1 and 10000000.");
        }

        if (FetchWaitMaxMs is < 1 or > 10_000)
        {
            errors.Add("Kafka:FetchWaitMaxMs must be between 1 and 10000.");
        }

        if (CommitIntervalMs is < 10 or > 60_000)
        {
            errors.Add("Kafka:CommitIntervalMs must be between 10 and 60000.");
        }

        return errors;
    }

    private static void Require(List<string> errors, string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"Kafka:{name} is required.");
        }
    }
}
