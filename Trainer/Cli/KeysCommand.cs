using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.ApiKeys;
using FraudActors.Silo.Storage.Postgres;

namespace FraudActors.Trainer.Cli;

/// <summary>
/// <c>trainer keys create|list|revoke</c>: the gateway's API keys in the <c>api_keys</c> table of the same store as the
/// registry. A new key is printed once; only its SHA-256 is stored, and nothing ever prints a key or a hash again.
/// Gateways re-read the table every few seconds (Api:KeyStore:RefreshSeconds).
/// </summary>
internal static class KeysCommand
{
    public static Command Create(TimeProvider time, TextWriter output, TextWriter errors)
    {
        var keys = new Command("keys", "Create, list and revoke the gateway's API keys (stored as hashes in the registry's database).")
        {
            CreateVerb(time, output, errors),
            ListVerb(output, errors),
            RevokeVerb(time, output, errors),
        };
        return keys;
    }

    private static Command CreateVerb(TimeProvider time, TextWriter output, TextWriter errors)
    {
        var name = new Option<string>("--name") { Description = "A unique name: 1 to 64 letters, digits, '.', '_' or '-'. It appears in the audit and rate limits.", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated scopes: score, read, admin (admin implies the others).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the new key and its details as JSON." };
        var registry = new RegistryOptions();
        var command = new Command("create", "Create an API key and print it once (only its hash is stored).") { name, scopes, json };
        registry.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(registry, parse, errors, async store =>
        {
            var keyName = parse.GetValue(name)!;
            if (!ApiKeyDigest.IsValidName(keyName))
            {
                throw new ArgumentException($"--name must be 1 to 64 letters, digits, '.', '_' or '-', got '{Shorten(keyName)}'.");
            }

            var granted = ParseScopes(parse.GetValue(scopes)!);
            var key = ApiKeyDigest.CreateKey();
            var stored = new StoredApiKey(keyName, ApiKeyDigest.Hash(key), granted, Second(time.GetUtcNow()), null);
            if (!await store.CreateAsync(stored, cancellationToken).ConfigureAwait(false))
            {
                throw new ArgumentException($"a key named '{keyName}' already exists (revoked keys keep their name); choose another --name.");
            }

            output.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { name = keyName, scopes = granted, createdAt = stored.CreatedAt, key })
                : $"created API key '{keyName}' (scopes {string.Join(',', granted)}). It is shown only this once; send it in the X-API-Key header:{Environment.NewLine}{key}");
            return 0;
        }));
        return command;
    }

    private static Command ListVerb(TextWriter output, TextWriter errors)
    {
        var json = new Option<bool>("--json") { Description = "Print the keys as JSON." };
        var registry = new RegistryOptions();
        var command = new Command("list", "List API keys: name, scopes, created, revoked (never a key or a hash).") { json };
        registry.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(registry, parse, errors, async store =>
        {
            var keys = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine(parse.GetValue(json) ? Json(keys) : Table(keys));
            return 0;
        }));
        return command;
    }

    private static Command RevokeVerb(TimeProvider time, TextWriter output, TextWriter errors)
    {
        var name = new Option<string>("--name") { Description = "The key to revoke.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var registry = new RegistryOptions();
        var command = new Command("revoke", "Revoke an API key; gateways refuse it within their refresh period.") { name, json };
        registry.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(registry, parse, errors, async store =>
        {
            var keyName = parse.GetValue(name)!;
            var at = Second(time.GetUtcNow());
            if (!await store.RevokeAsync(keyName, at, cancellationToken).ConfigureAwait(false))
            {
                throw new ArgumentException($"no valid key named '{Shorten(keyName)}'; see 'trainer keys list'.");
            }

            output.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { name = keyName, revokedAt = at })
                : $"revoked API key '{keyName}'");
            return 0;
        }));
        return command;
    }

    private static async Task<int> RunAsync(RegistryOptions registry, ParseResult parse, TextWriter errors, Func<IApiKeyStore, Task<int>> action)
    {
        try
        {
            var connection = parse.GetValue(registry.Postgres)
                ?? (parse.GetResult(registry.Sqlite) is { Implicit: false } ? null : Environment.GetEnvironmentVariable(PostgresStoreOptions.EnvironmentVariable));
            IApiKeyStore store = string.IsNullOrWhiteSpace(connection)
                ? SqliteApiKeyStore.Open(parse.GetValue(registry.Sqlite)!)
                : PostgresApiKeyStore.Create(connection);
            await using (store.ConfigureAwait(false))
            {
                return await action(store).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is ArgumentException or StoreUnavailableException)
        {
            await errors.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static string[] ParseScopes(string value)
    {
        var scopes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (scopes.Length == 0)
        {
            throw new ArgumentException("--scopes needs at least one of score, read, admin (comma-separated).");
        }

        var distinct = new List<string>(scopes.Length);
        foreach (var scope in scopes)
        {
            if (!ApiKeyDigest.KnownScopes.Contains(scope))
            {
                throw new ArgumentException($"unknown scope '{Shorten(scope)}' in --scopes; use score, read and/or admin.");
            }

            if (!distinct.Contains(scope))
            {
                distinct.Add(scope);
            }
        }

        return [.. distinct];
    }

    // Whole seconds: what both stores keep exactly, so list shows what create printed.
    private static DateTimeOffset Second(DateTimeOffset now) => new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Shorten(string value) => value.Length > 64 ? value[..64] + "…" : value;

    private static string Json(IReadOnlyList<StoredApiKey> keys) =>
        JsonSerializer.Serialize(keys.Select(k => new { name = k.Name, scopes = k.Scopes, createdAt = k.CreatedAt, revokedAt = k.RevokedAt, active = k.IsActive }));

    private static string Table(IReadOnlyList<StoredApiKey> keys)
    {
        if (keys.Count == 0)
        {
            return "no API keys in the store; create one with 'trainer keys create --name NAME --scopes score'";
        }

        var text = new StringBuilder();
        text.AppendLine("name                             scopes              created (UTC)     revoked (UTC)");
        foreach (var key in keys)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{key.Name,-32} {string.Join(',', key.Scopes),-19} {key.CreatedAt:yyyy-MM-dd HH:mm}  {(key.RevokedAt is { } at ? at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-")}");
        }

        return text.ToString().TrimEnd();
    }
}
