using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Kafka;

namespace FraudActors.Silo.Tests.Kafka;

/// <summary>
/// The record parser (a Utf8JsonReader loop that matches property names as bytes and shares repeated strings) against
/// a slow, obviously right reference built on <see cref="JsonDocument"/>, over thousands of generated documents:
/// fields in any order, escaped names and values, unknown and nested fields, nulls, and one defect at a time
/// (missing, wrong type, bad value, trailing content).
/// </summary>
public sealed class TransactionJsonPropertyTests
{
    private static readonly string[] Currencies = ["EUR", "USD", "GBP", "eur"];
    private static readonly string[] Categories = ["grocery", "fuel", "travel", "electronics", "unicorns"];
    private static readonly string[] Cities = ["Paris", "Lyon", "Zürich", "São Paulo"];

    [Fact]
    public void The_fast_parser_agrees_with_the_reference_on_generated_documents()
    {
        var random = new Random(20261122);
        var accepted = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var (json, card) = Document(random);
            var utf8 = Encoding.UTF8.GetBytes(json);
            var expected = Reference(json);
            var hint = (i % 3) switch { 0 => null, 1 => card, _ => card + "-other" };
            var ok = TransactionJson.TryParse(utf8, out var parsed, out var reason, hint);

            ok.Should().Be(expected.Transaction is not null, "document {0}: {1} (reference: {2})", i, json, expected.Field);
            if (ok)
            {
                accepted++;
                parsed.Should().Be(expected.Transaction, json);
                if (hint is not null && hint == parsed!.CardId)
                {
                    parsed.CardId.Should().BeSameAs(hint, "the key's string is reused when the value carries the same id");
                }
            }
            else
            {
                reason.Should().Contain(expected.Field!, json);
            }
        }

        // The generator must exercise both sides.
        accepted.Should().BeInRange(600, 2_400);
    }

    [Fact]
    public void Repeated_strings_come_back_as_one_instance_and_never_mix_up_values()
    {
        var first = Parse("""{"transactionId":"a","cardId":"c","timestamp":"2025-03-01T00:00:00Z","amount":1,"currency":"EUR","merchantId":"m-1","merchantCategory":"fuel","channel":"online"}""");
        var second = Parse("""{"transactionId":"b","cardId":"c","timestamp":"2025-03-01T00:00:00Z","amount":1,"currency":"EUR","merchantId":"m-2","merchantCategory":"fuel","channel":"online"}""");
        second.Currency.Should().BeSameAs(first.Currency);
        second.MerchantCategory.Should().BeSameAs(first.MerchantCategory);
        second.MerchantId.Should().Be("m-2");
        first.MerchantId.Should().Be("m-1");
    }

    private static CardTransaction Parse(string json)
    {
        TransactionJson.TryParse(Encoding.UTF8.GetBytes(json), out var parsed, out var reason).Should().BeTrue(reason);
        return parsed!;
    }

    /// <summary>A document with its fields shuffled and at most one defect; also returns the card id it carries.</summary>
    private static (string Json, string Card) Document(Random random)
    {
        var card = "card-" + random.Next(1_000);
        var fields = new List<(string Name, string Value)>
        {
            ("transactionId", Text("tx-" + random.Next(1_000_000))),
            ("cardId", Text(card)),
            ("timestamp", Text(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(10_000_000)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))),
            ("amount", (random.Next(1, 500_000) / 100m).ToString(CultureInfo.InvariantCulture)),
            ("currency", Text(Pick(random, Currencies))),
            ("merchantId", Text("m-" + random.Next(50))),
            ("merchantCategory", Text(Pick(random, Categories))),
            ("channel", Text(random.Next(2) == 0 ? "cardPresent" : "online")),
        };
        if (random.Next(2) == 0)
        {
            fields.Add(("city", Text(Pick(random, Cities))));
            fields.Add(("latitude", (random.NextDouble() * 180 - 90).ToString("R", CultureInfo.InvariantCulture)));
            fields.Add(("longitude", (random.NextDouble() * 360 - 180).ToString("R", CultureInfo.InvariantCulture)));
        }

        if (random.Next(3) == 0)
        {
            fields.Add(("deviceId", random.Next(4) == 0 ? "null" : Text("d-" + random.Next(100))));
        }

        if (random.Next(3) == 0)
        {
            fields.Add(("extra" + random.Next(3), random.Next(2) == 0 ? """{"nested":[1,{"x":"y"}],"s":"t"}""" : "[true,false,null]"));
        }

        var trailing = string.Empty;
        switch (random.Next(14))
        {
            case 0:
                fields.RemoveAt(random.Next(8));
                break;
            case 1:
                Replace(fields, Pick(random, ["transactionId", "cardId", "merchantId", "currency"]), "42");
                break;
            case 2:
                Replace(fields, "amount", Pick(random, ["\"ten\"", "-5", "0", "true"]));
                break;
            case 3:
                Replace(fields, "timestamp", Pick(random, ["\"yesterday\"", "12", "\"2025-03-01T00:00:00+02:00\""]));
                break;
            case 4:
                Replace(fields, "channel", Pick(random, ["\"pigeon\"", "1", "\"Online\""]));
                break;
            case 5:
                Replace(fields, Pick(random, ["cardId", "amount", "channel"]), "null");
                break;
            case 6:
                trailing = Pick(random, [" {}", " 1", "x"]);
                break;
            case 7:
                // An escaped property name means the same property.
                var at = random.Next(fields.Count);
                fields[at] = (Escape(fields[at].Name), fields[at].Value);
                break;
            case 8:
                // Escaped string values decode to the same text.
                var position = fields.FindIndex(f => f.Value.StartsWith('"'));
                fields[position] = (fields[position].Name, "\"" + Escape(fields[position].Value[1..^1]) + "\"");
                break;
            case 9:
                // A duplicate property: the last one wins.
                fields.Add(("merchantId", Text("m-dup")));
                break;
            default:
                break;
        }

        Shuffle(random, fields);
        var json = "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Value}")) + "}" + trailing;
        return (json, card);
    }

    private static void Replace(List<(string Name, string Value)> fields, string name, string value)
    {
        var at = fields.FindIndex(f => f.Name == name);
        fields[at] = (name, value);
    }

    private static string Text(string value) => JsonSerializer.Serialize(value);

    /// <summary>Every character as a \uXXXX escape.</summary>
    private static string Escape(string text) => string.Concat(text.Select(c => $"\\u{(int)c:X4}"));

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static void Shuffle<T>(Random random, List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The same contract read the slow way: a parsed DOM, last duplicate wins, then the shared validator.</summary>
    private static (CardTransaction? Transaction, string? Field) Reference(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return (null, "invalid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "invalid JSON");
            }

            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value;
            }

            string? String(string name) => !values.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
                : v.ValueKind == JsonValueKind.String ? v.GetString()
                : throw new FormatException(name);

            try
            {
                var transactionId = String("transactionId");
                var cardId = String("cardId");
                var currency = String("currency");
                var merchantId = String("merchantId");
                var category = String("merchantCategory");
                var city = String("city");
                var deviceId = String("deviceId");
                DateTimeOffset? timestamp = values.TryGetValue("timestamp", out var t) && t.ValueKind != JsonValueKind.Null
                    ? t.ValueKind == JsonValueKind.String && t.TryGetDateTimeOffset(out var time) ? time : throw new FormatException("timestamp")
                    : null;
                decimal? amount = values.TryGetValue("amount", out var a) && a.ValueKind != JsonValueKind.Null
                    ? a.ValueKind == JsonValueKind.Number && a.TryGetDecimal(out var value) ? value : throw new FormatException("amount")
                    : null;
                Channel? channel = values.TryGetValue("channel", out var c) && c.ValueKind != JsonValueKind.Null
                    ? c.ValueKind == JsonValueKind.String && c.GetString() is "cardPresent" or "online"
                        ? c.GetString() == "online" ? Channel.Online : Channel.CardPresent
                        : throw new FormatException("channel")
                    : null;
                double? Coordinate(string name) => values.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null
                    ? v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : throw new FormatException(name)
                    : null;
                var latitude = Coordinate("latitude");
                var longitude = Coordinate("longitude");

                var missing = transactionId is null ? "transactionId" : cardId is null ? "cardId" : timestamp is null ? "timestamp"
                    : amount is null ? "amount" : currency is null ? "currency" : merchantId is null ? "merchantId"
                    : category is null ? "merchantCategory" : channel is null ? "channel" : null;
                if (missing is not null)
                {
                    return (null, missing);
                }

                var transaction = new CardTransaction(
                    transactionId!, cardId!, timestamp!.Value, amount!.Value, currency!, merchantId!, category!, channel!.Value,
                    city, latitude, longitude, deviceId);
                var errors = TransactionValidator.Validate(transaction);
                return errors.Count == 0 ? (transaction, null) : (null, errors[0].Field);
            }
            catch (FormatException wrong)
            {
                return (null, wrong.Message);
            }
        }
    }
}
