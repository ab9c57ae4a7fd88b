using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Gateway.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class TransactionScoringTests(ApiHost host)
{
    internal static string Transaction(string id, string card, string time = "2026-03-01T10:00:00Z", string amount = "42.50", string extra = "") =>
        $$"""{"transactionId":"{{id}}","cardId":"{{card}}","timestamp":"{{time}}","amount":{{amount}},"currency":"EUR","merchantId":"m-1","merchantCategory":"grocery","channel":"cardPresent","city":"Paris","latitude":48.85,"longitude":2.35{{extra}}}""";

    [Fact]
    public async Task A_valid_transaction_is_scored_with_decision_reasons_and_features()
    {
        using var client = host.Client(ApiHost.ScoreKey);
        var response = await ApiHost.PostJson(client, "/v1/transactions/score", Transaction("t-happy-1", "card-happy"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        root.GetProperty("transactionId").GetString().Should().Be("t-happy-1");
        var probability = root.GetProperty("probability").GetDouble();
        probability.Should().BeInRange(0, 1);
        root.GetProperty("percent").GetDouble().Should().BeApproximately(probability * 100, 0.01);
        root.GetProperty("decision").GetString().Should().BeOneOf("approve", "review", "decline");
        root.GetProperty("model").GetProperty("name").GetString().Should().Be("card-behaviour");
        root.GetProperty("thresholds").GetProperty("review").GetDouble().Should().BeGreaterThan(0);
        root.GetProperty("outcome").GetString().Should().Be("applied");
        root.GetProperty("features").GetProperty("tx_count_24h").GetDouble().Should().Be(1);
        root.GetProperty("features").GetProperty("seconds_since_previous").ValueKind.Should().Be(JsonValueKind.Null, "no previous transaction: missing, not NaN");
        root.GetProperty("serverLatencyMs").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        root.GetProperty("reasons").GetArrayLength().Should().BeLessThanOrEqualTo(3);
    }

    [Fact]
    public async Task Retrying_a_transaction_returns_the_same_decision_and_changes_nothing()
    {
        using var client = host.Client(ApiHost.ScoreKey);
        await Score(client, Transaction("t-idem-0", "card-idem", "2026-03-02T09:59:00Z", "10.00"));
        var first = await Score(client, Transaction("t-idem-1", "card-idem", "2026-03-02T10:00:00Z"));

        // The grain remembers its latest outcome, so a client retry (same id, right after a timeout) gets the same decision.
        var retry = await Score(client, Transaction("t-idem-1", "card-idem", "2026-03-02T10:00:00Z"));
        var third = await Score(client, Transaction("t-idem-3", "card-idem", "2026-03-02T10:02:00Z", "12.00"));

        retry.GetProperty("outcome").GetString().Should().Be("duplicate");
        retry.GetProperty("decision").GetString().Should().Be(first.GetProperty("decision").GetString());
        retry.GetProperty("probability").GetDouble().Should().Be(first.GetProperty("probability").GetDouble());
        third.GetProperty("features").GetProperty("tx_count_24h").GetDouble().Should().Be(3, "the retry was not counted a second time");
    }

    [Fact]
    public async Task Retrying_an_older_transaction_returns_its_audited_first_decision()
    {
        using var client = host.Client(ApiHost.ScoreKey);
        var first = await Score(client, Transaction("t-old-1", "card-old", "2026-03-03T10:00:00Z"));
        await Score(client, Transaction("t-old-2", "card-old", "2026-03-03T10:05:00Z", "15.00"));
        var audit = host.Factory.Services.GetRequiredService<FraudActors.Silo.Audit.IAuditReader>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await audit.GetAsync("t-old-1") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var retry = await Score(client, Transaction("t-old-1", "card-old", "2026-03-03T10:00:00Z"));

        retry.GetProperty("outcome").GetString().Should().Be("duplicate");
        retry.GetProperty("decision").GetString().Should().Be(first.GetProperty("decision").GetString());
        retry.GetProperty("probability").GetDouble().Should().Be(first.GetProperty("probability").GetDouble());
    }

    [Theory]
    [InlineData("""{"transactionId":"x"}""", "cardId")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00Z","amount":"12","currency":"EUR","merchantId":"m","merchantCategory":"grocery","channel":"online"}""", "amount")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00","amount":1,"currency":"EUR","merchantId":"m","merchantCategory":"grocery","channel":"online"}""", "timestamp")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00+02:00","amount":1,"currency":"EUR","merchantId":"m","merchantCategory":"grocery","channel":"online"}""", "timestamp")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00Z","amount":-1,"currency":"EUR","merchantId":"m","merchantCategory":"grocery","channel":"online"}""", "amount")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00Z","amount":1,"currency":"eur","merchantId":"m","merchantCategory":"grocery","channel":"online"}""", "currency")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00Z","amount":1,"currency":"EUR","merchantId":"m","merchantCategory":"shoes","channel":"online"}""", "merchantCategory")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00Z","amount":1,"currency":"EUR","merchantId":"m","merchantCategory":"grocery","channel":"phone"}""", "channel")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00Z","amount":1,"currency":"EUR","merchantId":"m","merchantCategory":"grocery","channel":"online","latitude":91,"longitude":0}""", "latitude")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00Z","amount":1,"currency":"EUR","merchantId":"m","merchantCategory":"grocery","channel":"online","shoeSize":42}""", "shoeSize")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00Z","amount":1e400,"currency":"EUR","merchantId":"m","merchantCategory":"grocery","channel":"online"}""", "amount")]
    [InlineData("""{"transactionId":"x","cardId":"c","timestamp":"2026-03-01T10:00:00Z","amount":NaN,"currency":"EUR","merchantId":"m","merchantCategory":"grocery","channel":"online"}""", "")]
    [InlineData("""[1,2]""", "body")]
    [InlineData("""null""", "body")]
    [InlineData("", "body")]
    public async Task A_bad_transaction_is_a_400_problem_naming_the_field(string json, string field)
    {
        using var client = host.Client(ApiHost.ScoreKey);
        var response = await ApiHost.PostJson(client, "/v1/transactions/score", json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain("   at ", "no stack trace reaches a response");
        using var body = JsonDocument.Parse(text);
        var errors = body.RootElement.GetProperty("errors");
        if (field.Length > 0)
        {
            errors.TryGetProperty(field, out _).Should().BeTrue($"the problem names '{field}': {text}");
        }
        else
        {
            errors.EnumerateObject().Should().NotBeEmpty();
        }
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        using var client = host.Client(ApiHost.ScoreKey);
        var huge = Transaction("t-big", "card-big", extra: $",\"city\":\"{new string('a', 2 * 1024 * 1024)}\"");
        var response = await ApiHost.PostJson(client, "/v1/transactions/score", huge);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_batch_returns_results_in_order_and_reports_a_bad_item_by_index()
    {
        using var client = host.Client(ApiHost.ScoreKey);
        var batch = $$"""{"transactions":[{{Transaction("b-1", "card-b1")}},{"transactionId":"b-2","amount":"x"},{{Transaction("b-3", "card-b3")}}]}""";
        var response = await ApiHost.PostJson(client, "/v1/transactions/score-batch", batch);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var results = body.RootElement.GetProperty("results");
        results.GetArrayLength().Should().Be(3);
        body.RootElement.GetProperty("scored").GetInt32().Should().Be(2);
        results[0].GetProperty("result").GetProperty("transactionId").GetString().Should().Be("b-1");
        results[1].GetProperty("index").GetInt32().Should().Be(1);
        results[1].GetProperty("status").GetInt32().Should().Be(400);
        results[1].GetProperty("problem").GetProperty("errors").TryGetProperty("amount", out _).Should().BeTrue();
        results[2].GetProperty("result").GetProperty("transactionId").GetString().Should().Be("b-3");
    }

    [Fact]
    public async Task A_batch_over_the_limit_or_empty_is_400()
    {
        using var client = host.Client(ApiHost.ScoreKey);
        var items = string.Join(",", Enumerable.Range(0, 1001).Select(i => Transaction($"o-{i}", "card-o")));
        (await ApiHost.PostJson(client, "/v1/transactions/score-batch", $$"""{"transactions":[{{items}}]}""")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiHost.PostJson(client, "/v1/transactions/score-batch", """{"transactions":[]}""")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> Score(HttpClient client, string json)
    {
        var response = await ApiHost.PostJson(client, "/v1/transactions/score", json);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
