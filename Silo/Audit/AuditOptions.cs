namespace FraudActors.Silo.Audit;

/// <summary>
/// The decision audit log: where rows go, how they are batched, and where they wait while the store is down.
/// Switched on by <c>AddPostgresAudit</c> or <c>AddSqliteAudit</c>.
/// </summary>
public sealed class AuditOptions
{
    /// <summary>An Npgsql connection string (PostgreSQL variant). Default: empty; required with <c>AddPostgresAudit</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The SQLite file (embedded variant), shared with the registry by default. Default: data/fraudactors.db.</summary>
    public string SqlitePath { get; set; } = "data/fraudactors.db";

    /// <summary>
    /// Most rows per write (one COPY or one transaction). Large batches carry the sustained rate (≈ 115k rows/s
    /// with 20,000 against ≈ 80k with 5,000 on 2 cores); at low load a batch is whatever arrived within
    /// <see cref="FlushInterval"/>. Default: 20,000.
    /// </summary>
    public int BatchSize { get; set; } = 20_000;

    /// <summary>Rows held in memory before new ones go to the spill file. Default: 200,000 (≈ 2 s of peak traffic).</summary>
    public int BufferCapacity { get; set; } = 200_000;

    /// <summary>The longest a partial batch waits for more rows before it is written. Default: 200 ms.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Where rows wait on disk while the store is unreachable; one directory per silo. Default: data/audit-spill.</summary>
    public string SpillDirectory { get; set; } = "data/audit-spill";

    /// <summary>First wait before reconnecting after a failure; doubles up to <see cref="ReconnectMaxDelay"/>. Default: 100 ms.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between reconnect attempts. Default: 5 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long shutdown keeps trying to write what is buffered before spilling it. Default: 5 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Which store the extension method chose; set by it, not by configuration.</summary>
    internal AuditStoreKind Store { get; set; }
}
