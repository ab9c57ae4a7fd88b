using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Storage.GrainState.Migrations;
using FraudActors.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Storage.GrainState;

/// <summary>
/// Grain snapshots in one SQLite file (WAL mode), the embedded default; it may be the registry's file. Writes go
/// behind through a <see cref="WriteBehindBuffer"/>, each batch in one BEGIN IMMEDIATE transaction on a connection
/// the flush loop keeps, committed with synchronous=FULL so a completed write survives a crash. SQLite does its
/// I/O synchronously, so reads complete synchronously; they never wait for the writer (WAL).
/// </summary>
internal sealed class SqliteGrainStorage : IWriteBehindGrainStorage
{
    private const string ReadSql =
        "SELECT schema_version, payload, stream_partition, stream_offset, etag FROM grain_state WHERE grain_type = $type AND grain_key = $key";

    private const string InsertSql = """
        INSERT INTO grain_state (grain_type, grain_key, schema_version, payload, stream_partition, stream_offset, etag, updated_at)
        VALUES ($type, $key, $version, $payload, $partition, $offset, $etag, $now)
        ON CONFLICT (grain_type, grain_key) DO NOTHING
        """;

    private const string UpdateSql = """
        UPDATE grain_state
        SET schema_version = $version, payload = $payload, stream_partition = $partition, stream_offset = $offset, etag = $etag, updated_at = $now
        WHERE grain_type = $type AND grain_key = $key AND etag = $expected
        """;

    private const string StoredETagSql = "SELECT etag FROM grain_state WHERE grain_type = $type AND grain_key = $key";

    private readonly string _connectionString;
    private readonly string _path;
    private readonly int _busyTimeoutMs;
    private readonly TimeProvider _time;
    private readonly WriteBehindBuffer _buffer;

    // Only the buffer's loop touches the writer connection.
    private SqliteConnection? _writer;

    private SqliteGrainStorage(string connectionString, string path, SqliteStoreOptions options, GrainStateStoreOptions writeBehind, TimeProvider time, ILogger? logger)
    {
        _connectionString = connectionString;
        _path = path;
        _busyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
        _time = time;
        _buffer = new WriteBehindBuffer(FlushAsync, writeBehind, time, logger);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath => _path;

    public WriteBehindStatistics Statistics => _buffer.Statistics;

    /// <summary>
    /// Opens (creating when missing) the file at <see cref="SqliteStoreOptions.Path"/>, switches it to WAL and
    /// applies the grain-state migrations. Throws <see cref="StoreUnavailableException"/> when the file cannot be
    /// opened or created.
    /// </summary>
    public static Task<SqliteGrainStorage> OpenAsync(
        SqliteStoreOptions options,
        GrainStateStoreOptions? writeBehind = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        writeBehind ??= new GrainStateStoreOptions();
        writeBehind.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var path = System.IO.Path.GetFullPath(options.Path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        try
        {
            if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using (var command = new SqliteCommand($"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL", connection))
            {
                command.ExecuteNonQuery();
            }

            SqliteMigrator.Apply(connection, SqliteGrainStateMigrations.Scope, SqliteGrainStateMigrations.All);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            throw new StoreUnavailableException($"Cannot open the SQLite store at '{path}': {e.Message.TrimEnd('.')}", e);
        }

        return Task.FromResult(new SqliteGrainStorage(connectionString, path, options, writeBehind, timeProvider ?? TimeProvider.System, logger));
    }

    public ValueTask<GrainSnapshot?> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_buffer.TryGetBuffered(grainId, out var buffered))
        {
            return ValueTask.FromResult<GrainSnapshot?>(buffered);
        }

        // A write leaves the buffer only after its commit, so a grain not buffered is current in the file.
        using var connection = Open();
        using var command = new SqliteCommand(ReadSql, connection);
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return ValueTask.FromResult<GrainSnapshot?>(null);
        }

        StreamPosition? position = reader.IsDBNull(2) ? null : new StreamPosition(reader.GetInt32(2), reader.GetInt64(3));
        var snapshot = new GrainSnapshot(reader.GetFieldValue<byte[]>(1), reader.GetInt32(0), position, GrainStateETags.Format(reader.GetInt64(4)));
        return ValueTask.FromResult<GrainSnapshot?>(snapshot);
    }

    public ValueTask<string> WriteAsync(GrainId grainId, GrainSnapshot snapshot, CancellationToken cancellationToken) =>
        _buffer.WriteAsync(grainId, snapshot, cancellationToken);

    public ValueTask<AcceptedWrite> AcceptAsync(GrainId grainId, GrainSnapshot snapshot, CancellationToken cancellationToken) =>
        _buffer.AcceptAsync(grainId, snapshot, cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken = default) => _buffer.FlushAsync(cancellationToken);

    public async ValueTask ClearAsync(GrainId grainId, string? etag, CancellationToken cancellationToken)
    {
        // Buffered writes of the grain go first, so the delete finds the version the caller knows.
        await _buffer.SettleAsync(grainId, etag, cancellationToken).ConfigureAwait(false);
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var stored = StoredETag(connection, transaction, grainId);
        if (stored is null)
        {
            return;
        }

        if (stored != GrainStateETags.Parse(etag))
        {
            throw new InconsistentStateException(grainId, etag, GrainStateETags.Format(stored));
        }

        using (var command = new SqliteCommand("DELETE FROM grain_state WHERE grain_type = $type AND grain_key = $key", connection, transaction))
        {
            command.Parameters.AddWithValue("$type", grainId.Type);
            command.Parameters.AddWithValue("$key", grainId.Key);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Flushes everything buffered, stops the write-behind loop and closes the writer connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _buffer.DisposeAsync().ConfigureAwait(false);
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }
    }

    private static long? StoredETag(SqliteConnection connection, SqliteTransaction transaction, GrainId grainId)
    {
        using var command = new SqliteCommand(StoredETagSql, connection, transaction);
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        return command.ExecuteScalar() is long etag ? etag : null;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = new SqliteCommand($"PRAGMA busy_timeout = {_busyTimeoutMs}", connection);
        command.ExecuteNonQuery();
        return connection;
    }

    private Task FlushAsync(IReadOnlyList<PendingWrite> batch)
    {
        try
        {
            Flush(batch);
            return Task.CompletedTask;
        }
        catch (SqliteException e)
        {
            // The connection may be unusable now (disk full, file gone): the next batch opens a fresh one.
            _writer?.Dispose();
            _writer = null;
            throw new StoreUnavailableException($"Cannot write grain state to the SQLite store at '{_path}': {e.Message.TrimEnd('.')}", e);
        }
    }

    private void Flush(IReadOnlyList<PendingWrite> batch)
    {
        if (_writer is null)
        {
            _writer = Open();

            // The durability contract: a completed write is on disk, so every commit syncs the WAL.
            using var pragma = new SqliteCommand("PRAGMA synchronous = FULL", _writer);
            pragma.ExecuteNonQuery();
        }

        var now = _time.GetUtcNow().UtcTicks;
        using var transaction = _writer.BeginTransaction(deferred: false);
        using var insert = Command(InsertSql, transaction, withExpected: false);
        using var update = Command(UpdateSql, transaction, withExpected: true);
        foreach (var write in batch)
        {
            var command = write.ExpectedETag is null ? insert : update;
            var p = command.Parameters;
            p[0].Value = write.GrainId.Type;
            p[1].Value = write.GrainId.Key;
            p[2].Value = write.SchemaVersion;
            p[3].Value = write.Payload;
            p[4].Value = write.Position is { } position ? position.Partition : DBNull.Value;
            p[5].Value = write.Position is { } at ? at.Offset : DBNull.Value;
            p[6].Value = write.ETag;
            p[7].Value = now;
            if (write.ExpectedETag is { } expected)
            {
                p[8].Value = expected;
            }

            if (command.ExecuteNonQuery() == 0)
            {
                write.Reject(StoredETag(_writer, transaction, write.GrainId));
            }
        }

        transaction.Commit();
    }

    private SqliteCommand Command(string sql, SqliteTransaction transaction, bool withExpected)
    {
        var command = new SqliteCommand(sql, _writer, transaction);
        var p = command.Parameters;
        p.Add("$type", SqliteType.Text);
        p.Add("$key", SqliteType.Text);
        p.Add("$version", SqliteType.Integer);
        p.Add("$payload", SqliteType.Blob);
        p.Add("$partition", SqliteType.Integer);
        p.Add("$offset", SqliteType.Integer);
        p.Add("$etag", SqliteType.Integer);
        p.Add("$now", SqliteType.Integer);
        if (withExpected)
        {
            p.Add("$expected", SqliteType.Integer);
        }

        command.Prepare();
        return command;
    }
}
