using FraudActors.Silo.Storage.Migrations;

namespace FraudActors.Silo.Audit.Sqlite;

/// <summary>The audit log's tables in SQLite, scope "audit". Times are UTC ticks; features are 4-byte little-endian floats.</summary>
internal static class SqliteAuditMigrations
{
    public const string Scope = "audit";

    public static IReadOnlyList<SqlMigration> All { get; } =
    [
        new(1, "decision audit and transaction labels", """
            CREATE TABLE decision_audit (
                transaction_id    TEXT    NOT NULL PRIMARY KEY,
                card_id           TEXT    NOT NULL,
                event_time        INTEGER NOT NULL,
                decision_time     INTEGER NOT NULL,
                stream_partition  INTEGER NOT NULL,
                stream_offset     INTEGER NOT NULL,
                features          BLOB    NOT NULL,
                probability       REAL    NOT NULL,
                decision          TEXT    NOT NULL CHECK (decision IN ('approve', 'review', 'decline')),
                review_threshold  REAL    NOT NULL,
                decline_threshold REAL    NOT NULL,
                model_name        TEXT    NOT NULL,
                model_version     INTEGER NOT NULL,
                reasons           TEXT    NOT NULL,
                latency_us        INTEGER NOT NULL
            );

            CREATE INDEX decision_audit_decision_time ON decision_audit (decision_time);

            CREATE TABLE transaction_labels (
                transaction_id TEXT    NOT NULL PRIMARY KEY,
                is_fraud       INTEGER NOT NULL,
                known_at       INTEGER NOT NULL
            );
            """),
        new(2, "decisions by card", """
            -- The card view reads a card's newest decisions.
            CREATE INDEX decision_audit_card_event_time ON decision_audit (card_id, event_time DESC);
            """),
    ];
}
