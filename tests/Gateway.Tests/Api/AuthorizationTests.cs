using System.Net;
using FraudActors.Gateway.Security;

namespace FraudActors.Gateway.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class AuthorizationTests(ApiHost host)
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-key", HttpStatusCode.Unauthorized)]
    [InlineData(ApiHost.ReadKey, HttpStatusCode.Forbidden)]
    [InlineData(ApiHost.ScoreKey, HttpStatusCode.OK)]
    [InlineData(ApiHost.AdminKey, HttpStatusCode.OK)]
    public async Task Scoring_needs_the_score_scope(string? key, HttpStatusCode expected)
    {
        using var client = host.Client(key);
        var response = await ApiHost.PostJson(client, "/v1/transactions/score", TransactionScoringTests.Transaction($"auth-{Guid.NewGuid():N}", "card-auth"));
        response.StatusCode.Should().Be(expected);
        if (expected != HttpStatusCode.OK)
        {
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong", HttpStatusCode.Unauthorized)]
    [InlineData(ApiHost.ScoreKey, HttpStatusCode.Forbidden)]
    [InlineData(ApiHost.ReadKey, HttpStatusCode.Forbidden)]
    public async Task Promotion_needs_the_admin_scope(string? key, HttpStatusCode expected)
    {
        using var client = host.Client(key);
        var response = await ApiHost.PostJson(client, "/v1/models/card-behaviour/promote", """{"version":2,"force":true}""");
        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData(ApiHost.ReadKey, HttpStatusCode.OK)]
    [InlineData(ApiHost.AdminKey, HttpStatusCode.OK)]
    [InlineData(ApiHost.ScoreKey, HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Reading_models_needs_the_read_scope(string? key, HttpStatusCode expected)
    {
        using var client = host.Client(key);
        (await client.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task Health_openapi_and_docs_need_no_key()
    {
        using var client = host.Client(null);
        (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        var openApi = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        openApi.Should().Contain("/v1/transactions/score").And.Contain("/v1/models/{model}/promote").And.Contain("/v1/labels");
        var docs = await client.GetStringAsync(new Uri("/docs", UriKind.Relative));
        docs.Should().Contain("/openapi/v1.json").And.NotContain("http://").And.NotContain("https://");
    }

    [Fact]
    public void Hashes_are_sha256_hex_and_new_keys_are_random_base64url()
    {
        ApiKeyHasher.Hash("abc").Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        var key = ApiKeyHasher.CreateKey();
        key.Should().HaveLength(43).And.MatchRegex("^[A-Za-z0-9_-]+$");
        ApiKeyHasher.CreateKey().Should().NotBe(key);
    }
}
