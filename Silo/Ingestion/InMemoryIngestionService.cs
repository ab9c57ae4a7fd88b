using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Ingestion;

/// <summary>
/// The embedded default's consumer: this silo owns every partition of the in-memory stream and runs one
/// pipeline per partition. On shutdown each pipeline finishes the calls it has in flight before the runtime
/// deactivates (and persists) the grains.
/// </summary>
internal sealed partial class InMemoryIngestionService(
    InMemoryTransactionStream stream,
    IGrainFactory grains,
    IEnumerable<IDecisionSink> sinks,
    IngestionMetrics metrics,
    IOptions<IngestionOptions> options,
    ILogger<InMemoryIngestionService> logger) : BackgroundService
{
    private PartitionPipeline[] _pipelines = [];

    /// <summary>The pipelines (for the dashboard: completed offset per partition).</summary>
    public IReadOnlyList<PartitionPipeline> Pipelines => Volatile.Read(ref _pipelines);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sinkList = sinks.ToArray();
        var pipelines = new PartitionPipeline[stream.PartitionCount];
        var loops = new Task[pipelines.Length];
        for (var partition = 0; partition < pipelines.Length; partition++)
        {
            pipelines[partition] = new PartitionPipeline(partition, grains, sinkList, options.Value.MaxInFlightPerPartition, metrics, OnFailure);
            var pipeline = pipelines[partition];
            var reader = stream.Reader(partition);
            loops[partition] = Task.Run(() => RunPartitionAsync(pipeline, reader, stoppingToken), CancellationToken.None);
        }

        Volatile.Write(ref _pipelines, pipelines);
        LogStarted(logger, pipelines.Length);
        return Task.WhenAll(loops);
    }

    private async Task RunPartitionAsync(PartitionPipeline pipeline, System.Threading.Channels.ChannelReader<StreamRecord> reader, CancellationToken stoppingToken)
    {
        try
        {
            await pipeline.RunAsync(reader.ReadAllAsync(stoppingToken), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await pipeline.DrainAsync().ConfigureAwait(false);
        }

        LogStopped(logger, pipeline.Partition, pipeline.CompletedOffset);
    }

    private void OnFailure(IngestionException failure) =>
        LogRecordFailed(logger, failure.Record.Partition, failure.Record.Offset, failure.Record.Transaction.TransactionId, failure.InnerException!);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingesting {Partitions} in-memory partitions")]
    private static partial void LogStarted(ILogger logger, int partitions);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partition {Partition} stopped at offset {Offset}")]
    private static partial void LogStopped(ILogger logger, int partition, long offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transaction {TransactionId} at partition {Partition} offset {Offset} failed")]
    private static partial void LogRecordFailed(ILogger logger, int partition, long offset, string transactionId, Exception exception);
}
