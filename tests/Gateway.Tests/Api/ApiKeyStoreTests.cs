using System.Net;
using System.Text.Json;
using FraudActors.Gateway.Api;
using FraudActors.Gateway.Security;
using FraudActors.Silo.Storage.ApiKeys;
using FraudActors.Silo.Tests.Storage;
using FraudActors.Tests.Shared;
using FraudActors.Trainer.Cli;
using Microsoft.Extensions.Logging.Abstractions;

namespace FraudActors.Gateway.Tests.Api;

/// <summary>Keys made with <c>trainer keys</c> work in a running gateway, and revoked ones stop working, without a restart.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiKeyStoreTests(ApiHost host)
{
    // The default refresh period is 2 s; allow generously more on a loaded CI machine.
    private static readonly TimeSpan RefreshDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_created_key_works_and_a_revoked_key_is_refused_within_the_refresh_period()
    {
        var name = $"ops-{Guid.NewGuid():N}"[..20];
        var (exit, output, errors) = await Trainer("keys", "create", "--name", name, "--scopes", "score,read", "--registry", host.DatabasePath, "--json");
        exit.Should().Be(0, errors);
        string key;
        using (var created = JsonDocument.Parse(output))
        {
            key = created.RootElement.GetProperty("key").GetString()!;
            created.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Should().Equal("score", "read");
        }

        using var client = host.Client(key);
        var card = $"card-keys-{Guid.NewGuid():N}";
        await WaitForStatus(
            () => ApiHost.PostJson(client, "/v1/transactions/score", TransactionScoringTests.Transaction($"{card}-1", card)),
            HttpStatusCode.OK);
        (await client.GetAsync(new Uri($"/v1/cards/{card}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "the key has the read scope");
        (await ApiHost.PostJson(client, "/v1/models/card-behaviour/promote", """{"version":1}""")).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "the key lacks the admin scope");

        (exit, output, errors) = await Trainer("keys", "revoke", "--name", name, "--registry", host.DatabasePath);
        exit.Should().Be(0, errors);
        output.Should().Contain($"revoked API key '{name}'");

        await WaitForStatus(() => client.GetAsync(new Uri($"/v1/cards/{card}", UriKind.Relative)), HttpStatusCode.Unauthorized);

        (exit, output, _) = await Trainer("keys", "list", "--registry", host.DatabasePath);
        exit.Should().Be(0);
        output.Should().Contain(name).And.NotContain(key).And.NotContain(ApiKeyHasher.Hash(key));
        (exit, output, _) = await Trainer("keys", "list", "--registry", host.DatabasePath, "--json");
        exit.Should().Be(0);
        output.Should().NotContain(key).And.NotContain(ApiKeyHasher.Hash(key));
        using var listed = JsonDocument.Parse(output);
        var entry = listed.RootElement.EnumerateArray().Single(k => k.GetProperty("name").GetString() == name);
        entry.GetProperty("active").GetBoolean().Should().BeFalse();
        entry.GetProperty("revokedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task The_ring_keeps_configured_keys_and_its_last_good_set_when_the_store_fails()
    {
        var store = new FlakyStore();
        var hash = ApiKeyHasher.Hash("configured-key");
        var settings = new ApiOptions { Keys = [new ApiKeyEntry { Name = "cfg", Hash = hash, Scopes = [ApiScopes.Read] }] };
        store.Keys.Add(new StoredApiKey("stored", ApiKeyHasher.Hash("stored-key"), ["score"], DateTimeOffset.UnixEpoch, null));
        await using var ring = new ApiKeyRing(settings, () => store, TimeSpan.FromHours(1), new ManualTimeProvider(DateTimeOffset.UnixEpoch), NullLogger.Instance);

        ring.Find("configured-key")!.Identity!.Name.Should().Be("cfg");
        ring.Find("stored-key")!.Identity!.Name.Should().Be("stored");
        ring.Find("stored-key")!.HasClaim(ApiScopes.ClaimType, ApiScopes.Score).Should().BeTrue();
        ring.Find("unknown").Should().BeNull();

        store.Failing = true;
        await ring.RefreshAsync(CancellationToken.None);
        ring.Find("stored-key").Should().NotBeNull("a failed read keeps the last good set");

        store.Failing = false;
        store.Keys[0] = store.Keys[0] with { RevokedAt = DateTimeOffset.UnixEpoch };
        await ring.RefreshAsync(CancellationToken.None);
        ring.Find("stored-key").Should().BeNull();
        ring.Find("configured-key").Should().NotBeNull();
    }

    [PostgresFact]
    public async Task The_postgres_store_creates_lists_and_revokes()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var (exit, output, errors) = await Trainer("keys", "create", "--name", "pg-ops", "--scopes", "admin", "--postgres", database.ConnectionString, "--json");
        exit.Should().Be(0, errors);
        using var created = JsonDocument.Parse(output);
        var key = created.RootElement.GetProperty("key").GetString()!;

        await using (var store = PostgresApiKeyStore.Create(database.ConnectionString))
        {
            var stored = (await store.ListAsync()).Should().ContainSingle().Subject;
            stored.Hash.Should().Be(ApiKeyHasher.Hash(key));
            stored.Scopes.Should().Equal("admin");
            (await store.CreateAsync(stored with { Hash = new string('0', 64) })).Should().BeFalse("names are unique");
        }

        (exit, _, errors) = await Trainer("keys", "revoke", "--name", "pg-ops", "--postgres", database.ConnectionString);
        exit.Should().Be(0, errors);
        (exit, _, errors) = await Trainer("keys", "revoke", "--name", "pg-ops", "--postgres", database.ConnectionString);
        exit.Should().Be(1);
        errors.Trim().Should().StartWith("error: no valid key named 'pg-ops'").And.NotContain("\n");
    }

    private static async Task WaitForStatus(Func<Task<HttpResponseMessage>> request, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + RefreshDeadline;
        while (true)
        {
            using var response = await request();
            if (response.StatusCode == expected)
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"the gateway re-reads the key table every few seconds (last status {response.StatusCode})");
            await Task.Delay(100);
        }
    }

    private static async Task<(int Exit, string Output, string Errors)> Trainer(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await TrainerCli.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }

    private sealed class FlakyStore : IApiKeyStore
    {
        public List<StoredApiKey> Keys { get; } = [];

        public bool Failing { get; set; }

        public Task<bool> CreateAsync(StoredApiKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
            Failing ? throw new IOException("store down") : Task.FromResult<IReadOnlyList<StoredApiKey>>([.. Keys]);

        public Task<bool> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
