using FraudActors.Silo.Storage.Migrations;

namespace FraudActors.Silo.Storage.GrainState.Migrations;

/// <summary>
/// Grain snapshots in SQLite, scope "grain-state": the same table as in PostgreSQL, with times as UTC ticks.
/// Append steps; never edit one.
/// </summary>
internal static class SqliteGrainStateMigrations
{
    public const string Scope = "grain-state";

    public static IReadOnlyList<SqlMigration> All { get; } =
    [
        new(1, "grain snapshots", """
            -- A rowid table, not WITHOUT ROWID: snapshots can be tens of kilobytes, too big for a clustered key.
            CREATE TABLE grain_state (
                grain_type       TEXT    NOT NULL,
                grain_key        TEXT    NOT NULL,
                schema_version   INTEGER NOT NULL,
                payload          BLOB    NOT NULL,
                stream_partition INTEGER NULL,
                stream_offset    INTEGER NULL,
                etag             INTEGER NOT NULL,
                updated_at       INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key),
                CHECK ((stream_partition IS NULL) = (stream_offset IS NULL))
            );
            """),
    ];
}
