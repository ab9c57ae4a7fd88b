using FraudActors.Silo.Storage.Migrations;

namespace FraudActors.Silo.Audit.Postgres;

/// <summary>The audit log's tables in PostgreSQL, scope "audit". Append steps; never edit one.</summary>
internal static class PostgresAuditMigrations
{
    public const string Scope = "audit";

    public static IReadOnlyList<SqlMigration> All { get; } =
    [
        new(1, "decision audit and transaction labels", """
            -- One row per transaction: a repeated delivery of a transaction is the same decision, so the key is
            -- the transaction id and writers insert with ON CONFLICT DO NOTHING (retries never duplicate).
            CREATE TABLE decision_audit (
                transaction_id    text        NOT NULL PRIMARY KEY,
                card_id           text        NOT NULL,
                event_time        timestamptz NOT NULL,
                decision_time     timestamptz NOT NULL,
                stream_partition  integer     NOT NULL,
                stream_offset     bigint      NOT NULL,
                features          real[]      NOT NULL,
                probability       real        NOT NULL,
                decision          text        NOT NULL CHECK (decision IN ('approve', 'review', 'decline')),
                review_threshold  real        NOT NULL,
                decline_threshold real        NOT NULL,
                model_name        text        NOT NULL,
                model_version     integer     NOT NULL,
                reasons           jsonb       NOT NULL,
                latency_us        bigint      NOT NULL
            );

            -- Monitoring reads windows of decision time.
            CREATE INDEX decision_audit_decision_time ON decision_audit (decision_time);

            -- Confirmed feedback (chargebacks, analysts), arriving days after the decision.
            CREATE TABLE transaction_labels (
                transaction_id text        NOT NULL PRIMARY KEY,
                is_fraud       boolean     NOT NULL,
                known_at       timestamptz NOT NULL
            );
            """),
        new(2, "decisions by card", """
            -- The card view reads a card's newest decisions.
            CREATE INDEX decision_audit_card_event_time ON decision_audit (card_id, event_time DESC);
            """),
    ];
}
