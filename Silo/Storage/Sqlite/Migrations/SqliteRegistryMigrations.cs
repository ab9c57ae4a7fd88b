using FraudActors.Silo.Storage.Migrations;

namespace FraudActors.Silo.Storage.Sqlite.Migrations;

/// <summary>
/// The registry's tables in SQLite, scope "registry"; the same tables as in PostgreSQL, with times as UTC
/// ticks (INTEGER, exact). Append steps; never edit one.
/// </summary>
internal static class SqliteRegistryMigrations
{
    public const string Scope = "registry";

    public static IReadOnlyList<SqlMigration> All { get; } =
    [
        new(1, "model versions, aliases and alias history", """
            CREATE TABLE model_versions (
                model             TEXT    NOT NULL,
                version           INTEGER NOT NULL CHECK (version > 0),
                algorithm         TEXT    NOT NULL,
                schema_name       TEXT    NOT NULL,
                schema_hash       TEXT    NOT NULL,
                review_threshold  REAL    NOT NULL,
                decline_threshold REAL    NOT NULL,
                metrics           TEXT    NOT NULL,
                created_at        INTEGER NOT NULL,
                published_at      INTEGER NOT NULL,
                published_by      TEXT    NOT NULL,
                reason            TEXT    NOT NULL,
                package           BLOB    NOT NULL,
                package_sha256    TEXT    NOT NULL,
                PRIMARY KEY (model, version)
            );

            CREATE TABLE model_aliases (
                model      TEXT    NOT NULL,
                alias      TEXT    NOT NULL,
                version    INTEGER NOT NULL,
                changed_at INTEGER NOT NULL,
                PRIMARY KEY (model, alias),
                FOREIGN KEY (model, version) REFERENCES model_versions (model, version)
            );

            -- AUTOINCREMENT: ids are never reused, so a watcher's resume point stays meaningful.
            CREATE TABLE model_alias_history (
                id               INTEGER PRIMARY KEY AUTOINCREMENT,
                model            TEXT    NOT NULL,
                alias            TEXT    NOT NULL,
                previous_version INTEGER NULL,
                new_version      INTEGER NULL,
                changed_by       TEXT    NOT NULL,
                changed_at       INTEGER NOT NULL,
                reason           TEXT    NOT NULL,
                forced           INTEGER NOT NULL
            );

            CREATE INDEX model_alias_history_by_model ON model_alias_history (model, id);
            """),
    ];
}
