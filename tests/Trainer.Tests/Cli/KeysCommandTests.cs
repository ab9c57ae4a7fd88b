using System.Text.Json;
using FraudActors.Silo.Storage.ApiKeys;
using FraudActors.Tests.Shared;
using FraudActors.Trainer.Cli;

namespace FraudActors.Trainer.Tests.Cli;

public sealed class KeysCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-keys-cli-").FullName;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 30, 15, TimeSpan.Zero));

    private string DatabasePath => Path.Combine(_directory, "registry.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Create_prints_the_key_once_and_stores_only_its_hash()
    {
        var (exit, output, errors) = await Run("keys", "create", "--name", "fraud-desk", "--scopes", "score, read", "--registry", DatabasePath);

        exit.Should().Be(0, errors);
        var lines = output.TrimEnd().Split('\n');
        lines.Should().HaveCount(2);
        lines[0].Should().Be("created API key 'fraud-desk' (scopes score,read). It is shown only this once; send it in the X-API-Key header:");
        var key = lines[1].Trim();
        key.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");

        await using var store = SqliteApiKeyStore.Open(DatabasePath);
        var stored = (await store.ListAsync()).Should().ContainSingle().Subject;
        stored.Should().BeEquivalentTo(new StoredApiKey("fraud-desk", ApiKeyDigest.Hash(key), ["score", "read"], _time.GetUtcNow(), null));
        File.ReadAllBytes(DatabasePath).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(key)).Should().Be(-1, "the key itself is never written");
    }

    [Fact]
    public async Task List_shows_names_scopes_and_times_but_never_a_key_or_a_hash()
    {
        var (_, created, _) = await Run("keys", "create", "--name", "a-reader", "--scopes", "read", "--registry", DatabasePath, "--json");
        using var document = JsonDocument.Parse(created);
        var key = document.RootElement.GetProperty("key").GetString()!;
        await Run("keys", "create", "--name", "b-admin", "--scopes", "admin", "--registry", DatabasePath);
        _time.Advance(TimeSpan.FromMinutes(5));
        await Run("keys", "revoke", "--name", "b-admin", "--registry", DatabasePath);

        var (exit, text, errors) = await Run("keys", "list", "--registry", DatabasePath);
        var (jsonExit, json, _) = await Run("keys", "list", "--registry", DatabasePath, "--json");

        exit.Should().Be(0, errors);
        jsonExit.Should().Be(0);
        var rows = text.TrimEnd().Split('\n');
        rows.Should().HaveCount(3);
        rows[1].Should().MatchRegex(@"^a-reader +read +2026-05-01 12:30 +-\s*$");
        rows[2].Should().MatchRegex(@"^b-admin +admin +2026-05-01 12:30 +2026-05-01 12:35\s*$");
        await using var store = SqliteApiKeyStore.Open(DatabasePath);
        foreach (var stored in await store.ListAsync())
        {
            text.Should().NotContain(stored.Hash);
            json.Should().NotContain(stored.Hash);
        }

        text.Should().NotContain(key);
        json.Should().NotContain(key).And.NotContain("hash");
        using var listed = JsonDocument.Parse(json);
        listed.RootElement.EnumerateArray().Select(k => (k.GetProperty("name").GetString(), k.GetProperty("active").GetBoolean()))
            .Should().Equal(("a-reader", true), ("b-admin", false));
    }

    [Fact]
    public async Task An_empty_store_lists_a_hint()
    {
        var (exit, output, _) = await Run("keys", "list", "--registry", DatabasePath);

        exit.Should().Be(0);
        output.Should().StartWith("no API keys in the store; create one with 'trainer keys create");
    }

    [Theory]
    [InlineData(new[] { "keys", "create", "--name", "x", "--scopes", "write" }, "error: unknown scope 'write' in --scopes")]
    [InlineData(new[] { "keys", "create", "--name", "x", "--scopes", " , " }, "error: --scopes needs at least one of score, read, admin")]
    [InlineData(new[] { "keys", "create", "--name", "bad name!", "--scopes", "read" }, "error: --name must be 1 to 64 letters")]
    [InlineData(new[] { "keys", "revoke", "--name", "nobody" }, "error: no valid key named 'nobody'")]
    public async Task Bad_input_is_one_line_and_exit_1(string[] args, string expected)
    {
        var (exit, output, errors) = await Run([.. args, "--registry", DatabasePath]);

        exit.Should().Be(1);
        output.Should().BeEmpty();
        errors.TrimEnd().Should().StartWith(expected).And.NotContain("\n");
    }

    [Fact]
    public async Task A_duplicate_name_is_refused_even_after_revocation()
    {
        (await Run("keys", "create", "--name", "dup", "--scopes", "read", "--registry", DatabasePath)).Exit.Should().Be(0);
        (await Run("keys", "revoke", "--name", "dup", "--registry", DatabasePath)).Exit.Should().Be(0);

        var (exit, _, errors) = await Run("keys", "create", "--name", "dup", "--scopes", "read", "--registry", DatabasePath);

        exit.Should().Be(1);
        errors.Trim().Should().Be("error: a key named 'dup' already exists (revoked keys keep their name); choose another --name.");
    }

    [Fact]
    public async Task A_missing_option_is_a_parse_error_pointing_at_help()
    {
        var (exit, _, errors) = await Run("keys", "create", "--name", "x", "--registry", DatabasePath);

        exit.Should().Be(2);
        errors.TrimEnd().Should().Contain("--scopes").And.EndWith("(see 'trainer keys create --help')").And.NotContain("\n");
    }

    [Theory]
    [InlineData("create")]
    [InlineData("list")]
    [InlineData("revoke")]
    public async Task Every_verb_has_help(string verb)
    {
        var (exit, output, _) = await Run("keys", verb, "--help");

        exit.Should().Be(0);
        output.Should().Contain("--registry").And.Contain("--postgres").And.Contain("--json");
    }

    [Fact]
    public async Task An_unreachable_postgres_is_one_line_and_exit_1()
    {
        var (exit, _, errors) = await Run("keys", "list", "--postgres", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");

        exit.Should().Be(1);
        errors.TrimEnd().Should().StartWith("error: Cannot connect to PostgreSQL at 127.0.0.1:1").And.NotContain("\n");
    }

    private async Task<(int Exit, string Output, string Errors)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await TrainerCli.RunAsync(args, output, errors, _time);
        return (exit, output.ToString(), errors.ToString());
    }
}
