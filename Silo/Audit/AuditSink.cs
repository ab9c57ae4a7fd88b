using System.Diagnostics;
using System.Threading.Channels;
using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Features;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Audit;

/// <summary>
/// The ingestion side of the audit log. <see cref="Accept"/> copies the decision into an audit row and puts it
/// in a bounded in-memory buffer; when the buffer is full (store down, or a burst faster than the writer) or
/// the writer has stopped, the row goes to the spill file instead. It never blocks on the store and never
/// drops a row. <see cref="AuditWriter"/> drains the buffer in batches.
/// </summary>
internal sealed class AuditSink : IDecisionSink, IDisposable
{
    // Same name as the other engine sources, so the enqueue shows up in its transaction's trace.
    private static readonly ActivitySource Tracing = new("FraudActors");
    private readonly Channel<AuditedDecision> _buffer;
    private readonly TimeProvider _time;
    private readonly SettleCounter _settled = new();
    private long _accepted;
    private long _unscored;
    private long _spilled;
    private long _written;
    private long _rejected;

    public AuditSink(IOptions<AuditOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _time = time;
        _buffer = Channel.CreateBounded<AuditedDecision>(new BoundedChannelOptions(Options.BufferCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Spill = new SpillFile(Options.SpillDirectory);
    }

    public AuditOptions Options { get; }

    public SpillFile Spill { get; }

    /// <summary>Rows handed to the audit log (buffered or spilled).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Outcomes without a score (no model loaded): nothing was decided, so nothing is audited.</summary>
    public long Unscored => Interlocked.Read(ref _unscored);

    /// <summary>Rows that went to the spill file from the ingestion path or the writer.</summary>
    public long Spilled => Interlocked.Read(ref _spilled);

    /// <summary>Rows the store confirmed (new rows and ones it already had).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows the store refused as invalid, kept in a rejected-*.spill file.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Rows that reached their final place: written to the store, spilled to disk, or kept as rejected.</summary>
    public long Settled => _settled.Value;

    /// <summary>
    /// Waits until at least <paramref name="accepted"/> rows are <see cref="Settled"/> (rows are settled in the order
    /// they were accepted), so a stream offset is committed only after the audit rows of the records before it.
    /// </summary>
    /// <returns>False when <paramref name="timeout"/> passed first.</returns>
    public Task<bool> WaitSettledAsync(long accepted, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _settled.WaitAsync(accepted, timeout, _time, cancellationToken);

    /// <summary>Rows waiting in memory.</summary>
    public int Buffered => _buffer.Reader.Count;

    internal ChannelReader<AuditedDecision> Reader => _buffer.Reader;

    public void Accept(in StreamRecord record, TransactionOutcome outcome)
    {
        if (outcome.Score is not { } score)
        {
            Interlocked.Increment(ref _unscored);
            return;
        }

        // Only inside a transaction's trace: a root span per audit row would be noise.
        using var span = Tracing.HasListeners() && Activity.Current is not null ? Tracing.StartActivity("audit enqueue") : null;
        span?.SetTag("transaction.id", outcome.TransactionId).SetTag("decision", DecisionNames.Of(score.Decision));
        var features = new float[ModelInput.Width];
        ModelInput.Write(outcome.Card, outcome.Merchant, features);
        var latency = _time.GetElapsedTime(record.AppendedTimestamp).Ticks / TimeSpan.TicksPerMicrosecond;
        Enqueue(new AuditedDecision(
            outcome.TransactionId,
            outcome.CardId,
            ToMicroseconds(record.Transaction.Timestamp),
            ToMicroseconds(_time.GetUtcNow()),
            record.Partition,
            record.Offset,
            features,
            score.Probability,
            score.Decision,
            score.Thresholds,
            score.ModelName,
            score.ModelVersion,
            score.Reasons,
            Math.Max(0, latency)));
    }

    /// <summary>Buffers a finished row; spills it when the buffer is full or closed.</summary>
    public void Enqueue(AuditedDecision row)
    {
        Interlocked.Increment(ref _accepted);
        if (!_buffer.Writer.TryWrite(row))
        {
            Spill.Append(row);
            Interlocked.Increment(ref _spilled);
            _settled.Add(1);
        }
    }

    /// <summary>Stops buffering: rows accepted from now on go straight to the spill file (shutdown).</summary>
    internal void Close() => _buffer.Writer.TryComplete();

    internal void CountWritten(int rows)
    {
        Interlocked.Add(ref _written, rows);
        _settled.Add(rows);
    }

    internal void CountSpilled(int rows)
    {
        Interlocked.Add(ref _spilled, rows);
        _settled.Add(rows);
    }

    internal void CountRejected(int rows)
    {
        Interlocked.Add(ref _rejected, rows);
        _settled.Add(rows);
    }

    public void Dispose()
    {
        Close();
        Spill.Dispose();
    }

    // Both stores keep microseconds (PostgreSQL's resolution), so a row reads back the same from either.
    private static DateTimeOffset ToMicroseconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
