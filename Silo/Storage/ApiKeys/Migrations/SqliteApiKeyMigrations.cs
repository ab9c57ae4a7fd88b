using FraudActors.Silo.Storage.Migrations;

namespace FraudActors.Silo.Storage.ApiKeys.Migrations;

/// <summary>API keys in SQLite, scope "apikeys"; times are UTC ticks. Append steps; never edit one.</summary>
internal static class SqliteApiKeyMigrations
{
    public const string Scope = "apikeys";

    public static IReadOnlyList<SqlMigration> All { get; } =
    [
        new(1, "api keys", """
            -- Only the SHA-256 of a key is kept; scopes are comma-separated (score, read, admin).
            CREATE TABLE api_keys (
                name       TEXT    NOT NULL PRIMARY KEY,
                hash       TEXT    NOT NULL UNIQUE,
                scopes     TEXT    NOT NULL,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER NULL
            );
            """),
    ];
}
