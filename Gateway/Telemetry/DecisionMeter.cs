using System.Diagnostics.Metrics;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Telemetry;

/// <summary>
/// A decision sink on the meter <see cref="MeterName"/>: every published transaction, decisions by kind, and the
/// arrival-to-decision latency, for both paths (stream records and HTTP requests, told apart by the <c>source</c>
/// tag). Instruments are skipped while nobody listens; tag values are constants, so a measurement allocates nothing.
/// </summary>
internal sealed class DecisionMeter : IDecisionSink
{
    public const string MeterName = "FraudActors.Decisions";
    private const string Source = "source";
    private readonly Counter<long> _transactions;
    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _latency;
    private readonly TimeProvider _time;

    public DecisionMeter(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        var meter = meters.Create(MeterName);
        _transactions = meter.CreateCounter<long>("fraudactors.transactions", "{transaction}", "Transactions that reached a decision sink, by source (stream, http) and feature outcome.");
        _decisions = meter.CreateCounter<long>("fraudactors.decisions", "{decision}", "Decisions by kind (approve, review, decline, unscored) and source; duplicates are not counted again.");
        _latency = meter.CreateHistogram<double>("fraudactors.decision.latency", "ms", "End to end: from append to the stream, or from the request's start, until the decision is published.");
    }

    public void Accept(in StreamRecord record, TransactionOutcome outcome)
    {
        var source = new KeyValuePair<string, object?>(Source, record.Partition < 0 ? "http" : "stream");
        if (_transactions.Enabled)
        {
            _transactions.Add(1, source, new KeyValuePair<string, object?>("outcome", EngineTracing.OutcomeName(outcome.Outcome)));
        }

        if (outcome.Outcome == FeatureOutcome.Duplicate)
        {
            return;
        }

        if (_decisions.Enabled)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>(EngineTracing.DecisionTag, EngineTracing.DecisionName(outcome.Score?.Decision)), source);
        }

        if (_latency.Enabled)
        {
            _latency.Record(_time.GetElapsedTime(record.AppendedTimestamp).TotalMilliseconds, source);
        }
    }
}
