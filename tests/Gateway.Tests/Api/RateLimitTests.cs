using System.Net;

namespace FraudActors.Gateway.Tests.Api;

/// <summary>A host whose keys may make 3 requests a minute.</summary>
public sealed class RateLimitedHost : IAsyncLifetime
{
    public ApiHost Host { get; } = new();

    public Task InitializeAsync()
    {
        Host.Settings["Api:RateLimitPermits"] = "3";
        Host.Settings["Api:RateLimitWindowSeconds"] = "60";
        return Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class RateLimitTests(RateLimitedHost limited) : IClassFixture<RateLimitedHost>
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_and_other_keys_are_not_affected()
    {
        using var reader = limited.Host.Client(ApiHost.ReadKey);
        for (var i = 0; i < 3; i++)
        {
            (await reader.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var refused = await reader.GetAsync(new Uri("/v1/models", UriKind.Relative));
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        using var admin = limited.Host.Client(ApiHost.AdminKey);
        (await admin.GetAsync(new Uri("/v1/models", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "limits are per key");
    }
}
