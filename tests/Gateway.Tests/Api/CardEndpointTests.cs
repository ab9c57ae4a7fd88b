using System.Net;
using System.Text.Json;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Membership;
using FraudActors.Silo.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Gateway.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class CardEndpointTests(ApiHost host)
{
    [Fact]
    public async Task A_scored_card_shows_the_windows_its_last_scoring_response_reported_and_its_decisions()
    {
        var card = $"card-view-{Guid.NewGuid():N}";
        using var scorer = host.Client(ApiHost.ScoreKey);
        await Score(scorer, TransactionScoringTests.Transaction($"{card}-1", card, "2026-04-01T09:00:00Z", "10.00"));
        await Score(scorer, TransactionScoringTests.Transaction($"{card}-2", card, "2026-04-01T09:52:00Z", "25.00"));
        var last = await Score(scorer, TransactionScoringTests.Transaction($"{card}-3", card, "2026-04-01T09:58:00Z", "40.00", ",\"deviceId\":\"d-1\""));
        var features = last.GetProperty("features");

        // The audit log is written behind: wait (with a deadline) until all three decisions are there.
        var audit = host.Factory.Services.GetRequiredService<IAuditReader>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await audit.RecentForCardAsync(card, 10)).Count < 3)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the audit writer flushes within seconds");
            await Task.Delay(20);
        }

        using var reader = host.Client(ApiHost.ReadKey);
        var response = await reader.GetAsync(new Uri($"/v1/cards/{card}", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        root.GetProperty("cardId").GetString().Should().Be(card);
        root.GetProperty("asOf").GetDateTimeOffset().Should().Be(DateTimeOffset.Parse("2026-04-01T09:58:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var windows = root.GetProperty("windows");
        windows.GetProperty("txCount10m").GetDouble().Should().Be(features.GetProperty("tx_count_10m").GetDouble());
        windows.GetProperty("txCount1h").GetDouble().Should().Be(features.GetProperty("tx_count_1h").GetDouble());
        windows.GetProperty("txCount24h").GetDouble().Should().Be(features.GetProperty("tx_count_24h").GetDouble());
        windows.GetProperty("txCount7d").GetDouble().Should().Be(features.GetProperty("tx_count_7d").GetDouble());
        windows.GetProperty("txCount30d").GetDouble().Should().Be(features.GetProperty("tx_count_30d").GetDouble());
        windows.GetProperty("amountSum10m").GetDouble().Should().BeApproximately(features.GetProperty("amount_sum_10m").GetDouble(), 1e-3);
        (windows.GetProperty("amountSum24h").GetDouble() / windows.GetProperty("txCount24h").GetDouble())
            .Should().BeApproximately(features.GetProperty("amount_mean_24h").GetDouble(), 1e-3);
        windows.GetProperty("distinctCities1h").GetDouble().Should().Be(features.GetProperty("distinct_cities_1h").GetDouble());
        windows.GetProperty("txCount1h").GetInt32().Should().Be(3, "all three are within the hour");
        windows.GetProperty("txCount10m").GetInt32().Should().Be(2);
        windows.GetProperty("appliedCount").GetInt64().Should().Be(3);
        windows.GetProperty("amountMean").GetDouble().Should().BeApproximately(25.0, 1e-9);
        windows.GetProperty("amountStdDev").GetDouble().Should().BeApproximately(15.0, 1e-9);
        windows.GetProperty("merchantCategoriesSeen").EnumerateArray().Select(c => c.GetString()).Should().Equal("grocery");
        windows.GetProperty("knownDevices").GetInt32().Should().Be(1);
        windows.GetProperty("newestEventTime").GetDateTimeOffset().Should().Be(root.GetProperty("asOf").GetDateTimeOffset());
        windows.TryGetProperty("watermark", out _).Should().BeTrue();

        var recent = root.GetProperty("recent").EnumerateArray().ToList();
        recent.Should().HaveCount(3);
        recent.Select(r => r.GetProperty("amount").GetDouble()).Should().Equal(40.0, 25.0, 10.0);
        recent[0].GetProperty("latitude").GetDouble().Should().BeApproximately(48.85, 1e-4);
        recent[0].GetProperty("longitude").GetDouble().Should().BeApproximately(2.35, 1e-4);

        var decisions = root.GetProperty("decisions").EnumerateArray().ToList();
        decisions.Select(d => d.GetProperty("transactionId").GetString()).Should().Equal($"{card}-3", $"{card}-2", $"{card}-1");
        decisions[0].GetProperty("probability").GetDouble().Should().BeApproximately(last.GetProperty("probability").GetDouble(), 1e-6);
        decisions[0].GetProperty("percent").GetDouble().Should().Be(last.GetProperty("percent").GetDouble());
        decisions[0].GetProperty("decision").GetString().Should().Be(last.GetProperty("decision").GetString());
        decisions[0].GetProperty("modelName").GetString().Should().Be("card-behaviour");
        decisions[0].GetProperty("modelVersion").GetInt32().Should().Be(last.GetProperty("model").GetProperty("version").GetInt32());
        decisions[0].TryGetProperty("decidedAt", out _).Should().BeTrue();
        var reasons = decisions[0].GetProperty("reasons").EnumerateArray().ToList();
        reasons.Select(r => r.GetProperty("feature").GetString())
            .Should().Equal(last.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("feature").GetString()));
        foreach (var reason in reasons)
        {
            reason.GetProperty("text").GetString().Should().NotBeNullOrEmpty();
            reason.GetProperty("contribution").ValueKind.Should().Be(JsonValueKind.Number);
        }

        var directory = host.Factory.Services.GetRequiredService<ISiloDirectory>();
        var owner = root.GetProperty("owner");
        owner.GetProperty("siloId").GetString().Should().Be(directory.Local.SiloId);
        owner.GetProperty("partition").GetInt32().Should().Be(Murmur2Partitioner.Partition(card, directory.PartitionCount));
    }

    [Fact]
    public async Task Recent_limits_both_lists()
    {
        var card = $"card-limit-{Guid.NewGuid():N}";
        using var scorer = host.Client(ApiHost.ScoreKey);
        for (var i = 0; i < 4; i++)
        {
            await Score(scorer, TransactionScoringTests.Transaction($"{card}-{i}", card, $"2026-04-02T10:0{i}:00Z"));
        }

        var audit = host.Factory.Services.GetRequiredService<IAuditReader>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await audit.RecentForCardAsync(card, 10)).Count < 4)
        {
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(20);
        }

        using var reader = host.Client(ApiHost.ReadKey);
        using var body = JsonDocument.Parse(await reader.GetStringAsync(new Uri($"/v1/cards/{card}?recent=2", UriKind.Relative)));
        body.RootElement.GetProperty("recent").GetArrayLength().Should().Be(2);
        body.RootElement.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("transactionId").GetString())
            .Should().Equal($"{card}-3", $"{card}-2");
        body.RootElement.GetProperty("windows").GetProperty("appliedCount").GetInt64().Should().Be(4, "the limit trims lists, not the windows");
    }

    [Fact]
    public async Task A_card_without_history_is_a_404_problem()
    {
        using var reader = host.Client(ApiHost.ReadKey);
        var response = await reader.GetAsync(new Uri($"/v1/cards/never-seen-{Guid.NewGuid():N}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetInt32().Should().Be(404);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("201")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task A_bad_recent_is_a_problem_naming_the_field(string recent)
    {
        using var reader = host.Client(ApiHost.ReadKey);
        var response = await reader.GetAsync(new Uri($"/v1/cards/card-x?recent={Uri.EscapeDataString(recent)}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("errors").TryGetProperty("recent", out _).Should().BeTrue();
    }

    [Fact]
    public async Task An_overlong_card_id_is_a_problem_naming_the_field()
    {
        using var reader = host.Client(ApiHost.ReadKey);
        var response = await reader.GetAsync(new Uri($"/v1/cards/{new string('c', 129)}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("errors").TryGetProperty("cardId", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-key", HttpStatusCode.Unauthorized)]
    [InlineData(ApiHost.ScoreKey, HttpStatusCode.Forbidden)]
    [InlineData(ApiHost.ReadKey, HttpStatusCode.OK)]
    [InlineData(ApiHost.AdminKey, HttpStatusCode.OK)]
    public async Task The_card_view_needs_the_read_scope(string? key, HttpStatusCode expected)
    {
        var card = $"card-auth-view-{Guid.NewGuid():N}";
        using (var scorer = host.Client(ApiHost.ScoreKey))
        {
            await Score(scorer, TransactionScoringTests.Transaction($"{card}-1", card));
        }

        using var client = host.Client(key);
        var response = await client.GetAsync(new Uri($"/v1/cards/{card}", UriKind.Relative));

        response.StatusCode.Should().Be(expected);
        if (expected != HttpStatusCode.OK)
        {
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
    }

    private static async Task<JsonElement> Score(HttpClient client, string json)
    {
        var response = await ApiHost.PostJson(client, "/v1/transactions/score", json);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }
}
