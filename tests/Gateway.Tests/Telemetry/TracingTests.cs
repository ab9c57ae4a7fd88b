using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FraudActors.Gateway.Tests.Api;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class TracingTests : IDisposable
{
    private readonly TelemetryHost _host;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracingTests(TelemetryHost host)
    {
        _host = host;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "FraudActors",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task A_scored_http_transaction_is_one_trace_from_request_to_audit()
    {
        using var client = _host.Client(TelemetryHost.ScoreKey);
        var response = await ApiHost.PostJson(client, "/v1/transactions/score", TransactionScoringTests.Transaction("t-trace-http", "card-trace-http"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var spans = await SpansOfAsync("t-trace-http", "score transaction", "cardholder turn", "scoring", "audit enqueue");
        var request = spans["score transaction"];
        var turn = spans["cardholder turn"];
        var scoring = spans["scoring"];
        var audit = spans["audit enqueue"];

        spans.Values.Select(s => s.TraceId).Distinct().Should().ContainSingle("every span of the transaction is in one trace");
        turn.ParentSpanId.Should().Be(request.SpanId, "the grain turn runs inside the request");
        scoring.ParentSpanId.Should().Be(turn.SpanId, "scoring is called from the turn");
        audit.ParentSpanId.Should().Be(request.SpanId, "the decision is audited by the request after the turn");
        request.GetTagItem("card.id").Should().Be("card-trace-http");
        request.GetTagItem("decision").Should().BeOfType<string>().Which.Should().BeOneOf("approve", "review", "decline");
        turn.GetTagItem("decision").Should().Be(request.GetTagItem("decision"));
        scoring.GetTagItem("model.version").Should().Be(1);
        request.GetTagItem("model.version").Should().Be(1);
    }

    [Fact]
    public async Task A_streamed_transaction_is_one_trace_from_record_to_audit()
    {
        await _host.Services.GetRequiredService<InMemoryTransactionStream>().AppendAsync(
            MetricsEndpointTests.StreamTransaction("t-trace-stream", "card-trace-stream"), CancellationToken.None);

        var spans = await SpansOfAsync("t-trace-stream", "ingest transaction", "cardholder turn", "scoring", "audit enqueue");
        var record = spans["ingest transaction"];

        spans.Values.Select(s => s.TraceId).Distinct().Should().ContainSingle();
        record.Parent.Should().BeNull("a record starts its own trace");
        record.Kind.Should().Be(ActivityKind.Consumer);
        spans["cardholder turn"].ParentSpanId.Should().Be(record.SpanId);
        spans["scoring"].ParentSpanId.Should().Be(spans["cardholder turn"].SpanId);
        spans["audit enqueue"].ParentSpanId.Should().Be(record.SpanId);
        record.GetTagItem("decision").Should().BeOfType<string>();
        record.GetTagItem("model.version").Should().Be(1);
    }

    public void Dispose() => _listener.Dispose();

    private async Task<Dictionary<string, Activity>> SpansOfAsync(string transactionId, params string[] names)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var traces = _stopped.Where(a => a.GetTagItem("transaction.id") as string == transactionId).Select(a => a.TraceId).Distinct().ToList();
            var spans = _stopped.Where(a => traces.Contains(a.TraceId) || a.GetTagItem("transaction.id") as string == transactionId)
                .GroupBy(a => a.OperationName).ToDictionary(g => g.Key, g => g.First());
            if (names.All(spans.ContainsKey) || DateTime.UtcNow > deadline)
            {
                spans.Keys.Should().Contain(names);
                return spans;
            }

            await Task.Delay(10);
        }
    }
}
