using System.Collections.Concurrent;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Tests.Kafka;

/// <summary>Keeps every outcome the pipelines publish, with the record it came from.</summary>
internal sealed class CapturingSink : IDecisionSink
{
    public ConcurrentQueue<(StreamRecord Record, TransactionOutcome Outcome)> Outcomes { get; } = new();

    public void Accept(in StreamRecord record, TransactionOutcome outcome) => Outcomes.Enqueue((record, outcome));
}
