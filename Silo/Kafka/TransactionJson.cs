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

    // Currencies, merchants, categories and cities repeat from record to record: one string each, not one per record.
    private static readonly Utf8StringCache RepeatedStrings = new(4096);

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
    /// <paramref name="cardIdHint"/> (the record's key) is reused as the card id when the value carries the same
    /// text, so the hot path does not allocate that string twice.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8,
        [NotNullWhen(true)] out CardTransaction? transaction,
        [NotNullWhen(false)] out string? reason,
        string? cardIdHint = null)
    {
        transaction = null;
        try
        {
            reason = Read(utf8, cardIdHint, out var parsed);
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

    private enum Field
    {
        Unknown,
        TransactionId,
        CardId,
        Timestamp,
        Amount,
        Currency,
        MerchantId,
        MerchantCategory,
        Channel,
        City,
        Latitude,
        Longitude,
        DeviceId,
    }

    private static string? Read(ReadOnlySpan<byte> utf8, string? cardIdHint, out CardTransaction? transaction)
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
            var field = FieldOf(ref reader);
            reader.Read();
            var isNull = reader.TokenType == JsonTokenType.Null;
            switch (field)
            {
                case Field.TransactionId: transactionId = String(ref reader, "transactionId"); break;
                case Field.CardId:
                    cardId = cardIdHint is not null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(cardIdHint)
                        ? cardIdHint
                        : String(ref reader, "cardId");
                    break;
                case Field.Currency: currency = Repeated(ref reader, "currency"); break;
                case Field.MerchantId: merchantId = Repeated(ref reader, "merchantId"); break;
                case Field.MerchantCategory: category = Repeated(ref reader, "merchantCategory"); break;
                case Field.City: city = Repeated(ref reader, "city"); break;
                case Field.DeviceId: deviceId = String(ref reader, "deviceId"); break;
                case Field.Timestamp:
                    if (!isNull)
                    {
                        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var time))
                        {
                            return "timestamp: must be an ISO 8601 date and time, e.g. 2025-03-01T12:00:00Z.";
                        }

                        timestamp = time;
                    }

                    break;
                case Field.Amount:
                    if (!isNull)
                    {
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
                        {
                            return "amount: must be a number.";
                        }

                        amount = value;
                    }

                    break;
                case Field.Channel:
                    if (!isNull)
                    {
                        channel = reader.TokenType != JsonTokenType.String ? null
                            : reader.ValueTextEquals("cardPresent"u8) ? Channel.CardPresent
                            : reader.ValueTextEquals("online"u8) ? Channel.Online
                            : null;
                        if (channel is null)
                        {
                            return "channel: must be 'cardPresent' or 'online'.";
                        }
                    }

                    break;
                case Field.Latitude:
                    if (!isNull)
                    {
                        latitude = Number(ref reader);
                        if (latitude is null)
                        {
                            return "latitude: must be a number.";
                        }
                    }

                    break;
                case Field.Longitude:
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

    /// <summary>The property the reader is on, compared as UTF-8 without allocating its name (escaped names are unescaped first).</summary>
    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return Match(Encoding.UTF8.GetBytes(reader.GetString()!));
        }

        return Match(reader.ValueSpan);
    }

    private static Field Match(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("transactionId"u8) ? Field.TransactionId
        : name.SequenceEqual("cardId"u8) ? Field.CardId
        : name.SequenceEqual("timestamp"u8) ? Field.Timestamp
        : name.SequenceEqual("amount"u8) ? Field.Amount
        : name.SequenceEqual("currency"u8) ? Field.Currency
        : name.SequenceEqual("merchantId"u8) ? Field.MerchantId
        : name.SequenceEqual("merchantCategory"u8) ? Field.MerchantCategory
        : name.SequenceEqual("channel"u8) ? Field.Channel
        : name.SequenceEqual("city"u8) ? Field.City
        : name.SequenceEqual("latitude"u8) ? Field.Latitude
        : name.SequenceEqual("longitude"u8) ? Field.Longitude
        : name.SequenceEqual("deviceId"u8) ? Field.DeviceId
        : Field.Unknown;

    /// <summary>A string from a small set that repeats across records (currency, merchant, category, city): served from <see cref="Utf8StringCache"/>.</summary>
    private static string? Repeated(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return RepeatedStrings.Get(reader.ValueSpan);
        }

        return String(ref reader, name);
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
