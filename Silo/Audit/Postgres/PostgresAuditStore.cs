using System.Buffers;
using System.Net.Sockets;
using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace FraudActors.Silo.Audit.Postgres;

/// <summary>
/// The audit log in PostgreSQL. A batch is binary-COPY'd in one transaction: straight into the table when none
/// of its rows is there yet, else into a session temp table and moved with <c>INSERT … ON CONFLICT DO NOTHING</c>;
/// either way all or nothing, and a retried batch adds only the rows that are missing. The writer keeps one connection (and its temp table) between batches. Aggregates
/// for the report are computed by the server, latency percentiles with <c>percentile_cont</c>.
/// </summary>
internal sealed class PostgresAuditStore : IAuditStore, IAuditReader, IAsyncDisposable
{
    private const string Columns =
        "transaction_id, card_id, event_time, decision_time, stream_partition, stream_offset, features, probability, decision, " +
        "review_threshold, decline_threshold, model_name, model_version, reasons, latency_us";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ArrayBufferWriter<byte> _json = new(512);
    private NpgsqlConnection? _writer;
    private volatile bool _migrated;

    private PostgresAuditStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>A store that connects and migrates on first use, so a silo starts while PostgreSQL is down.</summary>
    public static PostgresAuditStore Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new PostgresAuditStore(NpgsqlDataSource.Create(connectionString));
    }

    /// <summary>Connects and applies the audit migrations now; throws <see cref="StoreUnavailableException"/> when the server cannot be reached.</summary>
    public static async Task<PostgresAuditStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The PostgreSQL connection string is invalid: {e.Message}", nameof(connectionString), e);
        }

        var store = Create(connectionString);
        try
        {
            await store.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<int> WriteAsync(IReadOnlyList<AuditedDecision> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            if (_writer is null)
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
                _writer = connection;
                await using var staging = new NpgsqlCommand(
                    "CREATE TEMP TABLE IF NOT EXISTS decision_audit_staging (LIKE decision_audit INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
                    connection);
                await staging.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return await CopyAsync(_writer, batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The connection may be broken or mid-transaction; the next attempt starts from a fresh one.
            if (_writer is not null)
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }

            throw;
        }
    }

    public bool IsTransient(Exception failure) => failure switch
    {
        StoreUnavailableException or TimeoutException or IOException or SocketException => true,

        // Connection lost (08), server out of resources (53), shutting down or starting (57), serialisation (40).
        PostgresException server => server.IsTransient || server.SqlState.StartsWith("08", StringComparison.Ordinal)
            || server.SqlState.StartsWith("53", StringComparison.Ordinal) || server.SqlState.StartsWith("57", StringComparison.Ordinal)
            || server.SqlState.StartsWith("40", StringComparison.Ordinal),

        // Without a server verdict the failure is the connection's (socket closed, end of stream), not the rows'.
        NpgsqlException => true,
        _ => false,
    };

    public async Task<AuditReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        long volume, approved, reviewed, declined;
        double? mean, p50, p99;
        await using (var command = Window(connection, """
            SELECT count(*),
                   count(*) FILTER (WHERE decision = 'approve'),
                   count(*) FILTER (WHERE decision = 'review'),
                   count(*) FILTER (WHERE decision = 'decline'),
                   avg(probability::double precision),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_us),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_us)
            FROM decision_audit
            WHERE decision_time >= @from AND decision_time < @to
            """, from, to))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            volume = reader.GetInt64(0);
            approved = reader.GetInt64(1);
            reviewed = reader.GetInt64(2);
            declined = reader.GetInt64(3);
            mean = reader.IsDBNull(4) ? null : reader.GetDouble(4);
            p50 = reader.IsDBNull(5) ? null : reader.GetDouble(5);
            p99 = reader.IsDBNull(6) ? null : reader.GetDouble(6);
        }

        var models = new List<ModelVersionShare>();
        await using (var command = Window(connection, """
            SELECT model_name, model_version, count(*)
            FROM decision_audit
            WHERE decision_time >= @from AND decision_time < @to
            GROUP BY model_name, model_version
            ORDER BY model_name COLLATE "C", model_version
            """, from, to))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var count = reader.GetInt64(2);
                models.Add(new ModelVersionShare(reader.GetString(0), reader.GetInt32(1), count, (double)count / volume));
            }
        }

        LabelledOutcomes labels;
        await using (var command = Window(connection, """
            SELECT count(*) FILTER (WHERE a.decision <> 'approve' AND l.is_fraud),
                   count(*) FILTER (WHERE a.decision <> 'approve' AND NOT l.is_fraud),
                   count(*) FILTER (WHERE a.decision = 'approve' AND l.is_fraud),
                   count(*) FILTER (WHERE a.decision = 'approve' AND NOT l.is_fraud)
            FROM decision_audit a JOIN transaction_labels l ON l.transaction_id = a.transaction_id
            WHERE a.decision_time >= @from AND a.decision_time < @to
            """, from, to))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            labels = new LabelledOutcomes(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return new AuditReport(from, to, volume, approved, reviewed, declined, mean, p50, p99, models, labels);
    }

    public async Task<AuditedDecision?> GetAsync(string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM decision_audit WHERE transaction_id = @id", connection);
        command.Parameters.AddWithValue("id", transactionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRow(reader) : null;
    }

    public async Task<IReadOnlyList<AuditedDecision>> RecentForCardAsync(string cardId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cardId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var rows = new List<AuditedDecision>(Math.Min(limit, 256));
        if (limit == 0)
        {
            return rows;
        }

        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM decision_audit WHERE card_id = @card ORDER BY event_time DESC, decision_time DESC LIMIT @limit", connection);
        command.Parameters.AddWithValue("card", cardId);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    }

    private static AuditedDecision ReadRow(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetInt32(4),
        reader.GetInt64(5),
        reader.GetFieldValue<float[]>(6),
        reader.GetFloat(7),
        DecisionNames.Parse(reader.GetString(8)),
        new DecisionThresholds(reader.GetFloat(9), reader.GetFloat(10)),
        reader.GetString(11),
        reader.GetInt32(12),
        ReasonsJson.Read(reader.GetString(13)),
        reader.GetInt64(14));

    public async Task<int> UpsertLabelsAsync(IReadOnlyCollection<TransactionLabel> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            return 0;
        }

        // One row per id (the last given wins): ON CONFLICT DO UPDATE may not touch a row twice in one statement.
        var latest = new Dictionary<string, TransactionLabel>(labels.Count, StringComparer.Ordinal);
        foreach (var label in labels)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(label.TransactionId);
            latest[label.TransactionId] = label;
        }

        var ids = new string[latest.Count];
        var frauds = new bool[latest.Count];
        var knownAt = new DateTime[latest.Count];
        var i = 0;
        foreach (var label in latest.Values)
        {
            ids[i] = label.TransactionId;
            frauds[i] = label.IsFraud;
            knownAt[i] = label.KnownAt.UtcDateTime;
            i++;
        }

        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO transaction_labels (transaction_id, is_fraud, known_at)
            SELECT * FROM unnest(@ids, @frauds, @known)
            ON CONFLICT (transaction_id) DO UPDATE SET is_fraud = excluded.is_fraud, known_at = excluded.known_at
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("frauds", frauds);
        command.Parameters.Add(new NpgsqlParameter("known", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = knownAt });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return labels.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await PostgresMigrator.ApplyAsync(_dataSource, PostgresAuditMigrations.Scope, PostgresAuditMigrations.All, cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }
    }

    /// <summary>
    /// The common case has no row of the batch in the table yet, so the batch is COPY'd straight in, which halves
    /// the server's work. The primary key makes that all-or-nothing: if any row is already there (a retry after a
    /// lost acknowledgement, a replayed spill, a redelivered transaction) the COPY fails with a unique violation,
    /// the transaction rolls back, and the batch goes through the staging table and ON CONFLICT DO NOTHING.
    /// </summary>
    private async Task<int> CopyAsync(NpgsqlConnection connection, IReadOnlyList<AuditedDecision> batch, CancellationToken cancellationToken)
    {
        try
        {
            return await CopyAsync(connection, batch, "decision_audit", merge: false, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException conflict) when (conflict.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return await CopyAsync(connection, batch, "decision_audit_staging", merge: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> CopyAsync(NpgsqlConnection connection, IReadOnlyList<AuditedDecision> batch, string table, bool merge, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        ulong copied;
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            // Per-field writes are synchronous: they only fill Npgsql's buffer, which is flushed when full, and the
            // async form costs a state machine per field (15 per row) on the writer's hot loop.
            for (var i = 0; i < batch.Count; i++)
            {
                var row = batch[i];
                importer.StartRow();
                importer.Write(row.TransactionId, NpgsqlDbType.Text);
                importer.Write(row.CardId, NpgsqlDbType.Text);
                importer.Write(row.EventTime.UtcDateTime, NpgsqlDbType.TimestampTz);
                importer.Write(row.DecisionTime.UtcDateTime, NpgsqlDbType.TimestampTz);
                importer.Write(row.Partition, NpgsqlDbType.Integer);
                importer.Write(row.Offset, NpgsqlDbType.Bigint);
                importer.Write(row.Features, NpgsqlDbType.Array | NpgsqlDbType.Real);
                importer.Write(row.Probability, NpgsqlDbType.Real);
                importer.Write(DecisionNames.Of(row.Decision), NpgsqlDbType.Text);
                importer.Write(row.Thresholds.Review, NpgsqlDbType.Real);
                importer.Write(row.Thresholds.Decline, NpgsqlDbType.Real);
                importer.Write(row.ModelName, NpgsqlDbType.Text);
                importer.Write(row.ModelVersion, NpgsqlDbType.Integer);
                importer.Write(ReasonsJson.Write(row.Reasons, _json), NpgsqlDbType.Jsonb);
                importer.Write(row.LatencyMicroseconds, NpgsqlDbType.Bigint);
            }

            copied = await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var added = (int)copied;
        if (merge)
        {
            await using var move = new NpgsqlCommand(
                $"INSERT INTO decision_audit ({Columns}) SELECT {Columns} FROM decision_audit_staging ON CONFLICT (transaction_id) DO NOTHING",
                connection,
                transaction);
            added = await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    private static NpgsqlCommand Window(NpgsqlConnection connection, string sql, DateTimeOffset from, DateTimeOffset to)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        return command;
    }
}
