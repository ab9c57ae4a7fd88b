using System.Net;
using System.Text;
using System.Text.Json;

namespace FraudActors.Gateway.Tests.Api;

/// <summary>Thousands of malformed or hostile requests: only 4xx, never 5xx; the host stays ready; a card's state is untouched.</summary>
[Collection(ApiCollection.Name)]
public sealed class FuzzTests(ApiHost host)
{
    private static readonly string[] Paths =
    [
        "/v1/transactions/score", "/v1/transactions/score-batch", "/v1/labels",
        "/v1/models/card-behaviour/score", "/v1/models/card-behaviour/promote", "/v1/models/card-behaviour/rollback",
    ];

    private static readonly string[] Fields =
    [
        "transactionId", "cardId", "timestamp", "amount", "currency", "merchantId", "merchantCategory", "channel",
        "city", "latitude", "longitude", "deviceId", "transactions", "features", "version", "isFraud", "transactionTime",
    ];

    private static readonly string[] HostileValues =
    [
        "null", "true", "\"\"", "\"x\"", "-1", "0", "1e400", "-1e400", "1e-400", "NaN", "Infinity", "-Infinity", "\"NaN\"",
        "99999999999999999999999999999999999999", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "\"2026-13-45T99:99:99Z\"",
        "\"\\u0000\"", "\"\\ud800\"", "1.7976931348623157e308", "\"cardPresent\"", "\"online\"", "12.5", "\"EUR\"",
    ];

    [Fact]
    public async Task Hostile_requests_get_only_4xx_and_the_host_stays_healthy()
    {
        var random = new Random(20260306);
        using var admin = host.Client(ApiHost.AdminKey);
        using var anonymous = host.Client(null);
        using var wrong = host.Client("definitely-not-a-key");
        HttpClient[] clients = [admin, admin, admin, anonymous, wrong];

        var before = await CardCount(admin, "card-fuzz-witness", "2026-04-01T10:00:00Z", "fz-w-1");
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < 2_100; i++)
        {
            var client = clients[random.Next(clients.Length)];
            var path = Paths[random.Next(Paths.Length)];
            var response = await client.PostAsync(new Uri(path, UriKind.Relative), Body(random, i));
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500 || (status is >= 200 and < 300 && client != admin))
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.Fail($"request {i} to {path} answered {status}: {text}");
            }

            if (status >= 400)
            {
                (await response.Content.ReadAsStringAsync()).Should().NotContain("   at ");
            }
        }

        statuses.Keys.Should().OnlyContain(s => s < 500);
        statuses.Keys.Should().Contain([400, 401], "the fuzz reached validation and authentication");
        (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await CardCount(admin, "card-fuzz-witness", "2026-04-01T10:05:00Z", "fz-w-2");
        after.Should().Be(before + 1, "no hostile request reached the witness card");
    }

    private static HttpContent Body(Random random, int i)
    {
        byte[] bytes;
        switch (random.Next(9))
        {
            case 0:
                bytes = new byte[random.Next(1, 300)];
                random.NextBytes(bytes);
                break;
            case 1:
                bytes = Encoding.UTF8.GetBytes(TransactionScoringTests.Transaction($"fz-{i}", "card-fuzz-witness")[..random.Next(1, 200)]);
                break;
            case 2:
                var depth = random.Next(10, 3_000);
                bytes = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
                break;
            case 3:
                bytes = new byte[(1024 * 1024) + random.Next(1, 4096)];
                Array.Fill(bytes, (byte)' ');
                break;
            case 4:
                // Valid JSON around invalid UTF-8.
                var prefix = Encoding.UTF8.GetBytes("{\"transactionId\":\"");
                bytes = [.. prefix, 0xC3, 0x28, 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\",\"cardId\":\"card-fuzz-witness\"}")];
                break;
            default:
                bytes = Encoding.UTF8.GetBytes(RandomObject(random));
                break;
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A transaction-shaped object with fields dropped, added or given hostile values; never a valid one for the witness card.</summary>
    private static string RandomObject(Random random)
    {
        var fields = new List<string>();
        foreach (var field in Fields)
        {
            if (random.Next(4) == 0)
            {
                continue;
            }

            var value = random.Next(3) == 0 ? HostileValues[random.Next(HostileValues.Length)] : "\"card-fuzz-witness\"";
            fields.Add($"\"{field}\":{value}");
        }

        if (random.Next(3) == 0)
        {
            fields.Add($"\"extra{random.Next(100)}\":1");
        }

        var json = "{" + string.Join(",", fields) + "}";
        return random.Next(5) == 0 ? $"{{\"transactions\":[{json},{json}]}}" : random.Next(5) == 0 ? $"[{json}]" : json;
    }

    private static async Task<double> CardCount(HttpClient client, string card, string time, string id)
    {
        var response = await ApiHost.PostJson(client, "/v1/transactions/score", TransactionScoringTests.Transaction(id, card, time));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("features").GetProperty("tx_count_24h").GetDouble();
    }
}
