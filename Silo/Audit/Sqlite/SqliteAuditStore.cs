using System.Buffers;
using System.Runtime.InteropServices;
using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FraudActors.Silo.Audit.Sqlite;

/// <summary>
/// The audit log in a SQLite file (WAL), the embedded default; by default the registry's file, so one path
/// holds both the decisions and the models that made them. A batch is one BEGIN IMMEDIATE transaction of
/// prepared <c>INSERT … ON CONFLICT DO NOTHING</c> statements. SQLite has no <c>percentile_cont</c>, so the report
/// reads the window's latencies in order and interpolates in code the same way.
/// </summary>
internal sealed class SqliteAuditStore : IAuditStore, IAuditReader, IDisposable
{
    private const string Columns =
        "transaction_id, card_id, event_time, decision_time, stream_partition, stream_offset, features, probability, decision, " +
        "review_threshold, decline_threshold, model_name, model_version, reasons, latency_us";

    private readonly string _connectionString;
    private readonly ArrayBufferWriter<byte> _json = new(512);

    private SqliteAuditStore(string connectionString, string path)
    {
        _connectionString = connectionString;
        FilePath = path;
    }

    public string FilePath { get; }

    /// <summary>
    /// Opens (creating when missing) the file at <paramref name="path"/> and applies the audit migrations.
    /// Throws <see cref="StoreUnavailableException"/> when the file cannot be opened or created.
    /// </summary>
    public static SqliteAuditStore Open(string path, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds),
        }.ToString();
        var store = new SqliteAuditStore(connectionString, fullPath);
        try
        {
            if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = store.OpenConnection();
            using (var command = new SqliteCommand("PRAGMA journal_mode = WAL", connection))
            {
                command.ExecuteNonQuery();
            }

            SqliteMigrator.Apply(connection, SqliteAuditMigrations.Scope, SqliteAuditMigrations.All);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            throw new StoreUnavailableException($"Cannot open the SQLite audit log at '{fullPath}': {e.Message.TrimEnd('.')}", e);
        }

        return store;
    }

    public Task<int> WriteAsync(IReadOnlyList<AuditedDecision> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count == 0)
        {
            return Task.FromResult(0);
        }

        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = new SqliteCommand(
            $"""
            INSERT INTO decision_audit ({Columns})
            VALUES ($tx, $card, $event, $decided, $partition, $offset, $features, $probability, $decision,
                    $review, $decline, $model, $version, $reasons, $latency)
            ON CONFLICT (transaction_id) DO NOTHING
            """,
            connection,
            transaction);
        var p = command.Parameters;
        var tx = p.Add("$tx", SqliteType.Text);
        var card = p.Add("$card", SqliteType.Text);
        var eventTime = p.Add("$event", SqliteType.Integer);
        var decided = p.Add("$decided", SqliteType.Integer);
        var partition = p.Add("$partition", SqliteType.Integer);
        var offset = p.Add("$offset", SqliteType.Integer);
        var features = p.Add("$features", SqliteType.Blob);
        var probability = p.Add("$probability", SqliteType.Real);
        var decision = p.Add("$decision", SqliteType.Text);
        var review = p.Add("$review", SqliteType.Real);
        var decline = p.Add("$decline", SqliteType.Real);
        var model = p.Add("$model", SqliteType.Text);
        var version = p.Add("$version", SqliteType.Integer);
        var reasons = p.Add("$reasons", SqliteType.Text);
        var latency = p.Add("$latency", SqliteType.Integer);
        command.Prepare();
        var added = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            tx.Value = row.TransactionId;
            card.Value = row.CardId;
            eventTime.Value = row.EventTime.UtcTicks;
            decided.Value = row.DecisionTime.UtcTicks;
            partition.Value = row.Partition;
            offset.Value = row.Offset;
            features.Value = FeatureBytes(row.Features);
            probability.Value = (double)row.Probability;
            decision.Value = DecisionNames.Of(row.Decision);
            review.Value = (double)row.Thresholds.Review;
            decline.Value = (double)row.Thresholds.Decline;
            model.Value = row.ModelName;
            version.Value = row.ModelVersion;
            reasons.Value = ReasonsJson.Write(row.Reasons, _json);
            latency.Value = row.LatencyMicroseconds;
            added += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult(added);
    }

    // Busy or locked by another writer, or the disk full or unavailable: worth retrying; constraint or data errors are not.
    public bool IsTransient(Exception failure) =>
        failure is IOException or UnauthorizedAccessException or StoreUnavailableException
        || (failure is SqliteException sqlite && sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14);

    public Task<AuditReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenConnection();
        long volume, approved, reviewed, declined;
        double? mean;
        using (var command = Window(connection, """
            SELECT count(*),
                   coalesce(sum(decision = 'approve'), 0),
                   coalesce(sum(decision = 'review'), 0),
                   coalesce(sum(decision = 'decline'), 0),
                   avg(probability)
            FROM decision_audit
            WHERE decision_time >= $from AND decision_time < $to
            """, from, to))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            volume = reader.GetInt64(0);
            approved = reader.GetInt64(1);
            reviewed = reader.GetInt64(2);
            declined = reader.GetInt64(3);
            mean = reader.IsDBNull(4) ? null : reader.GetDouble(4);
        }

        var latencies = new List<long>((int)Math.Min(volume, int.MaxValue / 2));
        using (var command = Window(connection, """
            SELECT latency_us FROM decision_audit
            WHERE decision_time >= $from AND decision_time < $to
            ORDER BY latency_us
            """, from, to))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                latencies.Add(reader.GetInt64(0));
            }
        }

        var models = new List<ModelVersionShare>();
        using (var command = Window(connection, """
            SELECT model_name, model_version, count(*)
            FROM decision_audit
            WHERE decision_time >= $from AND decision_time < $to
            GROUP BY model_name, model_version
            ORDER BY model_name, model_version
            """, from, to))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var count = reader.GetInt64(2);
                models.Add(new ModelVersionShare(reader.GetString(0), reader.GetInt32(1), count, (double)count / volume));
            }
        }

        LabelledOutcomes labels;
        using (var command = Window(connection, """
            SELECT coalesce(sum(a.decision <> 'approve' AND l.is_fraud), 0),
                   coalesce(sum(a.decision <> 'approve' AND NOT l.is_fraud), 0),
                   coalesce(sum(a.decision = 'approve' AND l.is_fraud), 0),
                   coalesce(sum(a.decision = 'approve' AND NOT l.is_fraud), 0)
            FROM decision_audit a JOIN transaction_labels l ON l.transaction_id = a.transaction_id
            WHERE a.decision_time >= $from AND a.decision_time < $to
            """, from, to))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            labels = new LabelledOutcomes(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        var sorted = CollectionsMarshal.AsSpan(latencies);
        return Task.FromResult(new AuditReport(
            from, to, volume, approved, reviewed, declined, mean,
            LatencyPercentile.Continuous(sorted, 0.5), LatencyPercentile.Continuous(sorted, 0.99), models, labels));
    }

    public Task<AuditedDecision?> GetAsync(string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenConnection();
        using var command = new SqliteCommand($"SELECT {Columns} FROM decision_audit WHERE transaction_id = $id", connection);
        command.Parameters.AddWithValue("$id", transactionId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadRow(reader) : null);
    }

    public Task<IReadOnlyList<AuditedDecision>> RecentForCardAsync(string cardId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cardId);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var rows = new List<AuditedDecision>(Math.Min(limit, 256));
        if (limit == 0)
        {
            return Task.FromResult<IReadOnlyList<AuditedDecision>>(rows);
        }

        using var connection = OpenConnection();
        using var command = new SqliteCommand(
            $"SELECT {Columns} FROM decision_audit WHERE card_id = $card ORDER BY event_time DESC, decision_time DESC LIMIT $limit", connection);
        command.Parameters.AddWithValue("$card", cardId);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(ReadRow(reader));
        }

        return Task.FromResult<IReadOnlyList<AuditedDecision>>(rows);
    }

    private static AuditedDecision ReadRow(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
        new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
        reader.GetInt32(4),
        reader.GetInt64(5),
        MemoryMarshal.Cast<byte, float>(((byte[])reader.GetValue(6)).AsSpan()).ToArray(),
        (float)reader.GetDouble(7),
        DecisionNames.Parse(reader.GetString(8)),
        new DecisionThresholds((float)reader.GetDouble(9), (float)reader.GetDouble(10)),
        reader.GetString(11),
        reader.GetInt32(12),
        ReasonsJson.Read(reader.GetString(13)),
        reader.GetInt64(14));

    public Task<int> UpsertLabelsAsync(IReadOnlyCollection<TransactionLabel> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = new SqliteCommand("""
            INSERT INTO transaction_labels (transaction_id, is_fraud, known_at) VALUES ($id, $fraud, $known)
            ON CONFLICT (transaction_id) DO UPDATE SET is_fraud = excluded.is_fraud, known_at = excluded.known_at
            """, connection, transaction);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var fraud = command.Parameters.Add("$fraud", SqliteType.Integer);
        var known = command.Parameters.Add("$known", SqliteType.Integer);
        foreach (var label in labels)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(label.TransactionId);
            id.Value = label.TransactionId;
            fraud.Value = label.IsFraud ? 1 : 0;
            known.Value = label.KnownAt.UtcTicks;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult(labels.Count);
    }

    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static byte[] FeatureBytes(float[] features)
    {
        // Little-endian on every platform .NET runs this on; the reader casts the same way.
        return MemoryMarshal.AsBytes(features.AsSpan()).ToArray();
    }

    private static SqliteCommand Window(SqliteConnection connection, string sql, DateTimeOffset from, DateTimeOffset to)
    {
        var command = new SqliteCommand(sql, connection);
        command.Parameters.AddWithValue("$from", from.UtcTicks);
        command.Parameters.AddWithValue("$to", to.UtcTicks);
        return command;
    }
}
