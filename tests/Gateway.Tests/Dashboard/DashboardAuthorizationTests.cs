using System.Net;
using System.Text.Json;
using FraudActors.Gateway.Tests.Api;

namespace FraudActors.Gateway.Tests.Dashboard;

/// <summary>With anonymous access off: the page shell is public, its numbers need the read scope; the models panel reads the registry.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardAuthorizationTests(ApiHost host)
{
    private static readonly Uri Snapshot = new("/dashboard/api/snapshot", UriKind.Relative);

    [Fact]
    public async Task Snapshot_needs_a_key_with_the_read_scope()
    {
        using var anonymous = host.Client(null);
        using var scorer = host.Client(ApiHost.ScoreKey);

        (await anonymous.GetAsync(Snapshot)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await scorer.GetAsync(Snapshot)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync(new Uri("/dashboard", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "the page holds no data");
    }

    [Fact]
    public async Task Models_panel_shows_registry_versions_and_the_champion_served_here()
    {
        using var reader = host.Client(ApiHost.ReadKey);
        using var response = await reader.GetAsync(Snapshot);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var models = document.RootElement.GetProperty("models");

        var versions = models.GetProperty("versions").EnumerateArray().ToList();
        versions.Select(v => v.GetProperty("version").GetInt32()).Should().Contain([1, 2]);
        // Other tests in this collection promote and roll back, so which version is champion may vary; that there is exactly one is not.
        versions.Count(v => v.GetProperty("aliases").EnumerateArray().Any(a => a.GetString() == "champion")).Should().Be(1);
        models.GetProperty("serving").EnumerateArray().Should()
            .ContainSingle(s => s.GetProperty("role").GetString() == "champion" && s.GetProperty("model").GetString() == "card-behaviour");
    }
}
