using FraudActors.Silo.Storage.Migrations;

namespace FraudActors.Silo.Membership;

/// <summary>The silo membership table in PostgreSQL, scope "membership". Append steps; never edit one.</summary>
internal static class PostgresMembershipMigrations
{
    public const string Scope = "membership";

    public static IReadOnlyList<SqlMigration> All { get; } =
    [
        new(1, "silo members", """
            -- One row per running silo, refreshed by its heartbeat. Kafka's consumer group decides who owns which
            -- partition; this table only publishes that answer so gateways and dashboards can find a card's owner.
            CREATE TABLE silo_members (
                silo_id          text        PRIMARY KEY,
                address          text        NOT NULL,
                started_at       timestamptz NOT NULL,
                heartbeat_at     timestamptz NOT NULL,
                partition_count  integer     NOT NULL,
                partitions       integer[]   NOT NULL
            );
            """),
    ];
}
