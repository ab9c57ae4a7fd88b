using FraudActors.Silo.Storage.Migrations;

namespace FraudActors.Silo.Storage.ApiKeys.Migrations;

/// <summary>API keys in PostgreSQL, scope "apikeys". Append steps; never edit one.</summary>
internal static class PostgresApiKeyMigrations
{
    public const string Scope = "apikeys";

    public static IReadOnlyList<SqlMigration> All { get; } =
    [
        new(1, "api keys", """
            -- Only the SHA-256 of a key is kept; scopes are comma-separated (score, read, admin).
            CREATE TABLE api_keys (
                name       text        NOT NULL PRIMARY KEY,
                hash       text        NOT NULL UNIQUE,
                scopes     text        NOT NULL,
                created_at timestamptz NOT NULL,
                revoked_at timestamptz NULL
            );
            """),
    ];
}
