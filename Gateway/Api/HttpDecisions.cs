using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;

namespace FraudActors.Gateway.Api;

/// <summary>
/// Decisions made through the HTTP API go to the same sinks as the stream's (audit log, statistics), so every
/// decision is audited whichever way its transaction arrived. They carry partition and offset −1: "via HTTP".
/// A duplicate is not published again; its first decision already was.
/// </summary>
internal static class HttpDecisions
{
    public const int HttpPartition = -1;

    public static void Publish(IServiceProvider services, CardTransaction transaction, TransactionOutcome outcome, long startedTimestamp)
    {
        if (outcome.Outcome == FeatureOutcome.Duplicate)
        {
            return;
        }

        var record = new StreamRecord(HttpPartition, -1, transaction, startedTimestamp);
        foreach (var sink in services.GetServices<IDecisionSink>())
        {
            sink.Accept(record, outcome);
        }
    }
}
