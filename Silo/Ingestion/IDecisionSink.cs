using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Silo.Streaming;

namespace FraudActors.Silo.Ingestion;

/// <summary>
/// Where decisions go after a grain returns them (statistics, the decisions topic, the audit log). Called on
/// the ingestion path in offset order per partition, so it must not block: buffer (bounded) and return.
/// </summary>
public interface IDecisionSink
{
    void Accept(in StreamRecord record, TransactionOutcome outcome);
}
