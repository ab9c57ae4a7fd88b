using FraudActors.Silo.Storage.Migrations;

namespace FraudActors.Silo.Storage.Postgres.Migrations;

/// <summary>The registry's tables in PostgreSQL, scope "registry". Append steps; never edit one.</summary>
internal static class PostgresRegistryMigrations
{
    public const string Scope = "registry";

    public static IReadOnlyList<SqlMigration> All { get; } =
    [
        new(1, "model versions, aliases and alias history", """
            -- One row per published version. The package is kept byte for byte as serialised (bytea, with its
            -- SHA-256); the columns beside it are copies for listing without reading the booster.
            CREATE TABLE model_versions (
                model             text        NOT NULL,
                version           integer     NOT NULL CHECK (version > 0),
                algorithm         text        NOT NULL,
                schema_name       text        NOT NULL,
                schema_hash       text        NOT NULL,
                review_threshold  real        NOT NULL,
                decline_threshold real        NOT NULL,
                metrics           jsonb       NOT NULL,
                created_at        timestamptz NOT NULL,
                published_at      timestamptz NOT NULL,
                published_by      text        NOT NULL,
                reason            text        NOT NULL,
                package           bytea       NOT NULL,
                package_sha256    text        NOT NULL,
                PRIMARY KEY (model, version)
            );

            CREATE TABLE model_aliases (
                model      text        NOT NULL,
                alias      text        NOT NULL,
                version    integer     NOT NULL,
                changed_at timestamptz NOT NULL,
                PRIMARY KEY (model, alias),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version)
            );

            -- Append-only. id follows commit order (alias moves are serialised), so watchers resume from it.
            CREATE TABLE model_alias_history (
                id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                model            text        NOT NULL,
                alias            text        NOT NULL,
                previous_version integer     NULL,
                new_version      integer     NULL,
                changed_by       text        NOT NULL,
                changed_at       timestamptz NOT NULL,
                reason           text        NOT NULL,
                forced           boolean     NOT NULL
            );

            CREATE INDEX model_alias_history_by_model ON model_alias_history (model, id);
            """),
    ];
}
