using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// The value of a record on the transactions topic (schema version 1): a UTF-8 JSON object with camelCase fields
/// <c>transactionId, cardId, timestamp</c> (ISO 8601, UTC), <c>amount</c> (number), <c>currency, merchantId,
/// merchantCategory, channel</c> ("cardPresent" | "online") and the optional <c>city, latitude, longitude,
/// deviceId</c>. Unknown fields are ignored so a producer can add fields without breaking older silos. The record
/// carries the header <c>schema-version: 1</c> and the card id as its key.
/// </summary>
public static class TransactionJson
{
    public const string SchemaVersionHeader = "schema-version";
    public const string SchemaVersion = "1";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static byte[] Serialize(CardTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("transactionId", transaction.TransactionId);
            writer.WriteString("cardId", transaction.CardId);
            writer.WriteString("timestamp", transaction.Timestamp);
            writer.WriteNumber("amount", transaction.Amount);
            writer.WriteString("currency", transaction.Currency);
            writer.WriteString("merchantId", transaction.MerchantId);
            writer.WriteString("merchantCategory", transaction.MerchantCategory);
            writer.WriteString("channel", ChannelName(transaction.Channel));
            if (transaction.City is { } city)
            {
                writer.WriteString("city", city);
            }

            if (transaction.Latitude is { } latitude)
            {
                writer.WriteNumber("latitude", latitude);
            }

            if (transaction.Longitude is { } longitude)
            {
                writer.WriteNumber("longitude", longitude);
            }

            if (transaction.DeviceId is { } device)
            {
                writer.WriteString("deviceId", device);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string ChannelName(Channel channel) => channel switch
    {
        Channel.CardPresent => "cardPresent",
        Channel.Online => "online",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    /// <summary>
    /// Parses and validates a record value. On failure <paramref name="reason"/> says why, naming the field
    /// (e.g. "amount: must be greater than 0."), and is what goes into the dead-letter record's header.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8,
        [NotNullWhen(true)] out CardTransaction? transaction,
        [NotNullWhen(false)] out string? reason)
    {
        transaction = null;
        try
        {
            reason = Read(utf8, out var parsed);
            if (reason is not null)
            {
                return false;
            }

            var errors = TransactionValidator.Validate(parsed!);
            if (errors.Count > 0)
            {
                reason = Describe(errors);
                return false;
            }

            transaction = parsed!;
            return true;
        }
        catch (JsonException exception)
        {
            reason = $"invalid JSON: {exception.Message}";
            return false;
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader's typed getters throw this for a value of the wrong JSON type.
            reason = $"invalid JSON: {exception.Message}";
            return false;
        }
    }

    private static string? Read(ReadOnlySpan<byte> utf8, out CardTransaction? transaction)
    {
        transaction = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "invalid JSON: the value must be a JSON object.";
        }

        string? transactionId = null, cardId = null, currency = null, merchantId = null, category = null;
        string? city = null, deviceId = null;
        DateTimeOffset? timestamp = null;
        decimal? amount = null;
        Channel? channel = null;
        double? latitude = null, longitude = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            var isNull = reader.TokenType == JsonTokenType.Null;
            switch (name)
            {
                case "transactionId": transactionId = String(ref reader, name); break;
                case "cardId": cardId = String(ref reader, name); break;
                case "currency": currency = String(ref reader, name); break;
                case "merchantId": merchantId = String(ref reader, name); break;
                case "merchantCategory": category = String(ref reader, name); break;
                case "city": city = String(ref reader, name); break;
                case "deviceId": deviceId = String(ref reader, name); break;
                case "timestamp":
                    if (!isNull)
                    {
                        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var time))
                        {
                            return "timestamp: must be an ISO 8601 date and time, e.g. 2025-03-01T12:00:00Z.";
                        }

                        timestamp = time;
                    }

                    break;
                case "amount":
                    if (!isNull)
                    {
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
                        {
                            return "amount: must be a number.";
                        }

                        amount = value;
                    }

                    break;
                case "channel":
                    if (!isNull)
                    {
                        channel = reader.TokenType == JsonTokenType.String ? ParseChannel(reader.GetString()) : null;
                        if (channel is null)
                        {
                            return "channel: must be 'cardPresent' or 'online'.";
                        }
                    }

                    break;
                case "latitude":
                    if (!isNull)
                    {
                        latitude = Number(ref reader);
                        if (latitude is null)
                        {
                            return "latitude: must be a number.";
                        }
                    }

                    break;
                case "longitude":
                    if (!isNull)
                    {
                        longitude = Number(ref reader);
                        if (longitude is null)
                        {
                            return "longitude: must be a number.";
                        }
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return "invalid JSON: the object is not closed.";
        }

        // A trailing token after the object is malformed input, not a second record.
        if (reader.Read())
        {
            return "invalid JSON: unexpected content after the object.";
        }

        var missing = Missing(transactionId, cardId, timestamp, amount, currency, merchantId, category, channel);
        if (missing is not null)
        {
            return $"{missing}: is required.";
        }

        transaction = new CardTransaction(
            transactionId!, cardId!, timestamp!.Value, amount!.Value, currency!, merchantId!, category!, channel!.Value,
            city, latitude, longitude, deviceId);
        return null;
    }

    private static string? Missing(
        string? transactionId, string? cardId, DateTimeOffset? timestamp, decimal? amount, string? currency,
        string? merchantId, string? category, Channel? channel) =>
        transactionId is null ? "transactionId"
        : cardId is null ? "cardId"
        : timestamp is null ? "timestamp"
        : amount is null ? "amount"
        : currency is null ? "currency"
        : merchantId is null ? "merchantId"
        : category is null ? "merchantCategory"
        : channel is null ? "channel"
        : null;

    private static string? String(ref Utf8JsonReader reader, string name) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"{name}: must be a string."),
    };

    private static double? Number(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? value : null;

    private static Channel? ParseChannel(string? text) => text switch
    {
        "cardPresent" => Channel.CardPresent,
        "online" => Channel.Online,
        _ => null,
    };

    private static string Describe(IReadOnlyList<FieldError> errors)
    {
        var text = new StringBuilder();
        foreach (var error in errors)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(error.Field).Append(": ").Append(error.Message);
        }

        return text.ToString();
    }
}
