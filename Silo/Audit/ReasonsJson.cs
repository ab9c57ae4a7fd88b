using System.Buffers;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Decisions;

namespace FraudActors.Silo.Audit;

/// <summary>
/// Reasons as a JSON array of {feature, value, contribution, text}. Floats are written shortest-round-trip, so
/// they read back bit for bit (replay compares them exactly); NaN and infinities, which JSON lacks, are strings.
/// </summary>
internal static class ReasonsJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static string Write(IReadOnlyList<DecisionReason> reasons, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartArray();
            for (var i = 0; i < reasons.Count; i++)
            {
                var reason = reasons[i];
                json.WriteStartObject();
                json.WriteString("feature"u8, reason.Feature);
                WriteFloat(json, "value"u8, reason.Value);
                WriteFloat(json, "contribution"u8, reason.Contribution);
                json.WriteString("text"u8, reason.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<DecisionReason> Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var reasons = new List<DecisionReason>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            reasons.Add(new DecisionReason(
                element.GetProperty("feature").GetString() ?? string.Empty,
                ReadFloat(element.GetProperty("value")),
                ReadFloat(element.GetProperty("contribution")),
                element.GetProperty("text").GetString() ?? string.Empty));
        }

        return reasons;
    }

    private static void WriteFloat(Utf8JsonWriter json, ReadOnlySpan<byte> name, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteString(name, float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static float ReadFloat(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? element.GetString() switch
        {
            "NaN" => float.NaN,
            "Infinity" => float.PositiveInfinity,
            "-Infinity" => float.NegativeInfinity,
            var other => throw new InvalidDataException($"'{other}' is not a number in the audit reasons."),
        }
        : element.GetSingle();
}
