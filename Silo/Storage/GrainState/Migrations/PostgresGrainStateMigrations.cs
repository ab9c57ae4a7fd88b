using FraudActors.Silo.Storage.Migrations;

namespace FraudActors.Silo.Storage.GrainState.Migrations;

/// <summary>Grain snapshots in PostgreSQL, scope "grain-state". Append steps; never edit one.</summary>
internal static class PostgresGrainStateMigrations
{
    public const string Scope = "grain-state";

    public static IReadOnlyList<SqlMigration> All { get; } =
    [
        new(1, "grain snapshots", """
            -- One row per grain: its newest snapshot and the stream position it reflects, written together.
            -- Rows are rewritten in place all day; free space on each page lets those updates stay HOT
            -- (no index changes: only the primary key is indexed, and it never changes).
            CREATE TABLE grain_state (
                grain_type       text        NOT NULL,
                grain_key        text        NOT NULL,
                schema_version   integer     NOT NULL,
                payload          bytea       NOT NULL,
                stream_partition integer     NULL,
                stream_offset    bigint      NULL,
                etag             bigint      NOT NULL,
                updated_at       timestamptz NOT NULL,
                PRIMARY KEY (grain_type, grain_key),
                CHECK ((stream_partition IS NULL) = (stream_offset IS NULL))
            ) WITH (fillfactor = 80);
            """),
    ];
}
