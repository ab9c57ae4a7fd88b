namespace FraudActors.Silo.Audit;

/// <summary>Where the audit log is written.</summary>
internal enum AuditStoreKind
{
    Postgres = 0,
    Sqlite = 1,
}
