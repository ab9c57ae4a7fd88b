using FraudActors.Silo.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudActors.Silo.Tests.Audit;

/// <summary>A sink and its running writer over one store, as the host wires them; stopping flushes (or spills).</summary>
internal sealed class AuditPipeline : IAsyncDisposable
{
    private bool _stopped;

    private AuditPipeline(AuditSink sink, AuditWriter writer)
    {
        Sink = sink;
        Writer = writer;
    }

    public AuditSink Sink { get; }

    public AuditWriter Writer { get; }

    /// <param name="clock">The sink's clock (decision times, latency); the writer waits on real time.</param>
    public static async Task<AuditPipeline> StartAsync(IAuditStore store, AuditOptions options, TimeProvider? clock = null)
    {
        var sink = new AuditSink(Microsoft.Extensions.Options.Options.Create(options), clock ?? TimeProvider.System);
        var writer = new AuditWriter(sink, store, TimeProvider.System, NullLogger<AuditWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return new AuditPipeline(sink, writer);
    }

    public static AuditOptions Options(string spillDirectory, int batchSize = 500, int capacity = 10_000) => new()
    {
        BatchSize = batchSize,
        BufferCapacity = capacity,
        FlushInterval = TimeSpan.FromMilliseconds(20),
        SpillDirectory = spillDirectory,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="deadline"/>.</summary>
    public static async Task Until(Func<bool> condition, TimeSpan deadline, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > deadline)
            {
                throw new TimeoutException($"Timed out after {deadline} waiting for {what}.");
            }

            await Task.Delay(10);
        }
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Writer.StopAsync(CancellationToken.None);
            Writer.Dispose();
            Sink.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
