using System.Buffers;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Decisions;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// The value of a record on the decisions topic: <c>{transactionId, cardId, outcome, probability, decision,
/// modelName, modelVersion, reasons:[{feature, value, contribution, text}]}</c>. <c>outcome</c> is "applied",
/// "duplicate" or "tooLate"; while no model is loaded <c>decision</c> is "unscored" and <c>probability</c>,
/// <c>modelName</c> and <c>modelVersion</c> are null.
/// </summary>
public static class DecisionJson
{
    public const string Unscored = "unscored";
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    // One buffer and writer per thread, reused: a decision costs only its exact-size result array.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] Serialize(TransactionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        json.Reset(buffer);
        Write(json, outcome);
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, TransactionOutcome outcome)
    {
        json.WriteStartObject();
        json.WriteString("transactionId"u8, outcome.TransactionId);
        json.WriteString("cardId"u8, outcome.CardId);
        json.WriteString("outcome"u8, outcome.Outcome switch
        {
            FeatureOutcome.Applied => "applied",
            FeatureOutcome.Duplicate => "duplicate",
            _ => "tooLate",
        });
        if (outcome.Score is { } score)
        {
            json.WriteNumber("probability"u8, float.IsFinite(score.Probability) ? score.Probability : 0f);
            json.WriteString("decision"u8, score.Decision switch
            {
                DecisionKind.Approve => "approve",
                DecisionKind.Review => "review",
                _ => "decline",
            });
            json.WriteString("modelName"u8, score.ModelName);
            json.WriteNumber("modelVersion"u8, score.ModelVersion);
            json.WriteStartArray("reasons"u8);
            foreach (var reason in score.Reasons)
            {
                json.WriteStartObject();
                json.WriteString("feature"u8, reason.Feature);
                json.WriteNumber("value"u8, float.IsFinite(reason.Value) ? reason.Value : 0f);
                json.WriteNumber("contribution"u8, float.IsFinite(reason.Contribution) ? reason.Contribution : 0f);
                json.WriteString("text"u8, reason.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("probability"u8);
            json.WriteString("decision"u8, Unscored);
            json.WriteNull("modelName"u8);
            json.WriteNull("modelVersion"u8);
            json.WriteStartArray("reasons"u8);
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
