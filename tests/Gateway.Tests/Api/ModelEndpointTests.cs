using System.Net;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Gateway.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ModelEndpointTests(ApiHost host)
{
    [Fact]
    public async Task Models_are_listed_and_described()
    {
        using var client = host.Client(ApiHost.ReadKey);
        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/v1/models", UriKind.Relative)));
        list.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetString()).Should().Contain("card-behaviour");
        list.RootElement.GetProperty("versions").GetArrayLength().Should().BeGreaterThanOrEqualTo(2);

        var one = await client.GetAsync(new Uri("/v1/models/card-behaviour", UriKind.Relative));
        one.StatusCode.Should().Be(HttpStatusCode.OK);
        using var status = JsonDocument.Parse(await one.Content.ReadAsStringAsync());
        status.RootElement.GetProperty("champion").GetInt32().Should().BeGreaterThan(0);
        status.RootElement.TryGetProperty("shadow", out _).Should().BeTrue();

        (await client.GetAsync(new Uri("/v1/models/no-such-model", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Promotion_and_rollback_go_through_the_registry_grain()
    {
        using var client = host.Client(ApiHost.AdminKey);
        (await ApiHost.PostJson(client, "/v1/models/card-behaviour/promote", """{"version":99,"force":true}""")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var invalid = await ApiHost.PostJson(client, "/v1/models/card-behaviour/promote", """{"alias":"champion"}""");
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).Should().Contain("version");

        var promoted = await ApiHost.PostJson(client, "/v1/models/card-behaviour/promote", """{"version":2,"force":true,"reason":"test"}""");
        promoted.StatusCode.Should().Be(HttpStatusCode.OK, await promoted.Content.ReadAsStringAsync());
        using (var body = JsonDocument.Parse(await promoted.Content.ReadAsStringAsync()))
        {
            body.RootElement.GetProperty("applied").GetBoolean().Should().BeTrue();
        }

        var rolledBack = await ApiHost.PostJson(client, "/v1/models/card-behaviour/rollback", """{"reason":"test"}""");
        rolledBack.StatusCode.Should().Be(HttpStatusCode.OK, await rolledBack.Content.ReadAsStringAsync());
        using (var body = JsonDocument.Parse(await rolledBack.Content.ReadAsStringAsync()))
        {
            body.RootElement.GetProperty("to").GetInt32().Should().Be(1);
        }
    }

    [Fact]
    public async Task A_row_of_named_columns_or_a_features_array_is_scored_statelessly()
    {
        using var client = host.Client(ApiHost.ScoreKey);
        var names = CardFeatures.Names.Concat(MerchantFeatures.Names).ToArray();
        var named = "{" + string.Join(",", names.Select(n => $"\"{n}\":1")) + "}";
        var byName = await ApiHost.PostJson(client, "/v1/models/card-behaviour/score", named);
        byName.StatusCode.Should().Be(HttpStatusCode.OK, await byName.Content.ReadAsStringAsync());
        var array = "{\"features\":[" + string.Join(",", names.Select(_ => "1")) + "]}";
        var byArray = await ApiHost.PostJson(client, "/v1/models/card-behaviour/score", array);
        using var first = JsonDocument.Parse(await byName.Content.ReadAsStringAsync());
        using var second = JsonDocument.Parse(await byArray.Content.ReadAsStringAsync());
        second.RootElement.GetProperty("probability").GetDouble().Should().Be(first.RootElement.GetProperty("probability").GetDouble());

        var missing = await ApiHost.PostJson(client, "/v1/models/card-behaviour/score", "{" + string.Join(",", names.Skip(1).Select(n => $"\"{n}\":1")) + "}");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).Should().Contain($"\"{names[0]}\"");
        var extra = await ApiHost.PostJson(client, "/v1/models/card-behaviour/score", named.TrimEnd('}') + ",\"V99\":1}");
        (await extra.Content.ReadAsStringAsync()).Should().Contain("V99");
        extra.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var european = await ApiHost.PostJson(client, "/v1/models/european/score", "{\"features\":[1]}");
        european.StatusCode.Should().Be(HttpStatusCode.NotFound, "no European model is loaded in this host");
    }

    [Fact]
    public async Task Labels_reach_the_merchant_and_bad_labels_are_named()
    {
        using var client = host.Client(ApiHost.ReadKey);
        var ok = await ApiHost.PostJson(client, "/v1/labels",
            """[{"transactionId":"t-happy-1","merchantId":"m-label","transactionTime":"2026-03-01T10:00:00Z","isFraud":true,"knownAt":"2026-03-05T10:00:00Z"}]""");
        ok.StatusCode.Should().Be(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        using (var body = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()))
        {
            body.RootElement.GetProperty("received").GetInt32().Should().Be(1);
        }

        var bad = await ApiHost.PostJson(client, "/v1/labels", """[{"transactionId":"t","merchantId":"m","transactionTime":"yesterday"}]""");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await bad.Content.ReadAsStringAsync();
        text.Should().Contain("[0].transactionTime").And.Contain("[0].isFraud");
    }
}
