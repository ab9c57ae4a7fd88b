using System.Data;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Storage.GrainState.Migrations;
using FraudActors.Silo.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace FraudActors.Silo.Storage.GrainState;

/// <summary>
/// Grain snapshots in PostgreSQL (table <c>grain_state</c>), shared by every silo. Reads are one prepared
/// single-row SELECT (a buffered, uncommitted write of the grain is returned first). Writes go behind through a
/// <see cref="WriteBehindBuffer"/>: each batch is one prepared statement, unnest arrays in, conditional
/// update/insert per row, conflicts out, so one round trip and one transaction commit up to
/// <see cref="GrainStateStoreOptions.MaxBatch"/> snapshots.
/// </summary>
internal sealed class PostgresGrainStorage : IWriteBehindGrainStorage
{
    private const int DefaultMaxPoolSize = 20;

    private const string ReadSql =
        "SELECT schema_version, payload, stream_partition, stream_offset, etag FROM grain_state WHERE grain_type = $1 AND grain_key = $2";

    // Every sub-statement sees the snapshot taken before the statement, so the final SELECT reports, for each
    // write neither updated nor inserted, the version that was stored when it was refused.
    private const string FlushSql = """
        WITH input AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::integer[], $6::bytea[], $7::integer[], $8::bigint[])
                WITH ORDINALITY AS i (grain_type, grain_key, expected, etag, schema_version, payload, stream_partition, stream_offset, ord)
        ),
        updated AS (
            UPDATE grain_state AS g
            SET schema_version = i.schema_version, payload = i.payload, stream_partition = i.stream_partition,
                stream_offset = i.stream_offset, etag = i.etag, updated_at = $9
            FROM input AS i
            WHERE i.expected IS NOT NULL AND g.grain_type = i.grain_type AND g.grain_key = i.grain_key AND g.etag = i.expected
            RETURNING i.ord
        ),
        inserted AS (
            INSERT INTO grain_state (grain_type, grain_key, schema_version, payload, stream_partition, stream_offset, etag, updated_at)
            SELECT grain_type, grain_key, schema_version, payload, stream_partition, stream_offset, etag, $9
            FROM input
            WHERE expected IS NULL
            ON CONFLICT (grain_type, grain_key) DO NOTHING
            RETURNING grain_type, grain_key
        )
        SELECT i.ord, g.etag
        FROM input AS i
        LEFT JOIN grain_state AS g ON g.grain_type = i.grain_type AND g.grain_key = i.grain_key
        WHERE NOT EXISTS (SELECT 1 FROM updated AS u WHERE u.ord = i.ord)
          AND NOT EXISTS (SELECT 1 FROM inserted AS n WHERE n.grain_type = i.grain_type AND n.grain_key = i.grain_key)
        """;

    private const string ClearSql = """
        WITH deleted AS (
            DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND etag = $3 RETURNING 1
        )
        SELECT (SELECT count(*) FROM deleted), (SELECT etag FROM grain_state WHERE grain_type = $1 AND grain_key = $2)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly TimeProvider _time;
    private readonly WriteBehindBuffer _buffer;

    // Column arrays of the batch being flushed; only the buffer's loop touches them.
    private readonly List<string> _types = [];
    private readonly List<string> _keys = [];
    private readonly List<long?> _expected = [];
    private readonly List<long> _etags = [];
    private readonly List<int> _versions = [];
    private readonly List<byte[]> _payloads = [];
    private readonly List<int?> _partitions = [];
    private readonly List<long?> _offsets = [];

    private PostgresGrainStorage(NpgsqlDataSource dataSource, bool ownsDataSource, GrainStateStoreOptions options, TimeProvider time, ILogger? logger)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _time = time;
        _buffer = new WriteBehindBuffer(FlushAsync, options, time, logger);
    }

    public WriteBehindStatistics Statistics => _buffer.Statistics;

    /// <summary>
    /// Connects with <see cref="PostgresStoreOptions.ConnectionString"/>, applies the grain-state migrations and
    /// returns a store that owns its data source. Throws <see cref="StoreUnavailableException"/> when the server
    /// cannot be reached or refuses the credentials.
    /// </summary>
    public static async Task<PostgresGrainStorage> OpenAsync(
        PostgresStoreOptions options,
        GrainStateStoreOptions? writeBehind = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (options.ConnectionString.IndexOf("pool size", StringComparison.OrdinalIgnoreCase) < 0)
        {
            // Activations read one row each and a burst of them (a partition handed over) must queue for a
            // connection rather than open a hundred: several silos share the server's connection limit.
            connection.MaxPoolSize = DefaultMaxPoolSize;
        }

        var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        try
        {
            return await OpenAsync(dataSource, ownsDataSource: true, writeBehind, timeProvider, logger, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The same over a data source the caller shares with other stores and disposes itself.</summary>
    public static Task<PostgresGrainStorage> OpenAsync(
        NpgsqlDataSource dataSource,
        GrainStateStoreOptions? writeBehind = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return OpenAsync(dataSource, ownsDataSource: false, writeBehind, timeProvider, logger, cancellationToken);
    }

    public async ValueTask<GrainSnapshot?> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_buffer.TryGetBuffered(grainId, out var buffered))
        {
            return buffered;
        }

        // A write leaves the buffer only after its commit, so a grain not buffered is current in the table.
        await using var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ReadSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainId.Key });
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        StreamPosition? position = reader.IsDBNull(2) ? null : new StreamPosition(reader.GetInt32(2), reader.GetInt64(3));
        return new GrainSnapshot(reader.GetFieldValue<byte[]>(1), reader.GetInt32(0), position, GrainStateETags.Format(reader.GetInt64(4)));
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
        await using var connection = await PostgresConnections.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(ClearSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)GrainStateETags.Parse(etag) ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reader.GetInt64(0) == 0 && !reader.IsDBNull(1))
        {
            throw new InconsistentStateException(grainId, etag, GrainStateETags.Format(reader.GetInt64(1)));
        }
    }

    /// <summary>Flushes everything buffered, stops the write-behind loop, then closes the data source if owned.</summary>
    public async ValueTask DisposeAsync()
    {
        await _buffer.DisposeAsync().ConfigureAwait(false);
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<PostgresGrainStorage> OpenAsync(
        NpgsqlDataSource dataSource,
        bool ownsDataSource,
        GrainStateStoreOptions? writeBehind,
        TimeProvider? timeProvider,
        ILogger? logger,
        CancellationToken cancellationToken)
    {
        var options = writeBehind ?? new GrainStateStoreOptions();
        options.Validate();
        await PostgresMigrator.ApplyAsync(dataSource, PostgresGrainStateMigrations.Scope, PostgresGrainStateMigrations.All, cancellationToken)
            .ConfigureAwait(false);
        return new PostgresGrainStorage(dataSource, ownsDataSource, options, timeProvider ?? TimeProvider.System, logger);
    }

    private async Task FlushAsync(IReadOnlyList<PendingWrite> batch)
    {
        Fill(batch);
        try
        {
            await using var connection = await PostgresConnections.OpenAsync(_dataSource, CancellationToken.None).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(FlushSql, connection);
            var p = command.Parameters;
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _types });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _keys });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = _expected });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = _etags });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = _versions });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = _payloads });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = _partitions });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = _offsets });
            p.Add(new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = _time.GetUtcNow().UtcDateTime });
            await command.PrepareAsync().ConfigureAwait(false);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var index = checked((int)reader.GetInt64(0)) - 1;
                batch[index].Reject(reader.IsDBNull(1) ? null : reader.GetInt64(1));
            }
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            // The connection broke mid-batch: say so in the store's terms. The batch may or may not be committed.
            throw PostgresConnections.Unavailable(_dataSource.ConnectionString, e);
        }
        finally
        {
            _types.Clear();
            _keys.Clear();
            _expected.Clear();
            _etags.Clear();
            _versions.Clear();
            _payloads.Clear();
            _partitions.Clear();
            _offsets.Clear();
        }
    }

    private void Fill(IReadOnlyList<PendingWrite> batch)
    {
        foreach (var write in batch)
        {
            _types.Add(write.GrainId.Type);
            _keys.Add(write.GrainId.Key);
            _expected.Add(write.ExpectedETag);
            _etags.Add(write.ETag);
            _versions.Add(write.SchemaVersion);
            _payloads.Add(write.Payload);
            _partitions.Add(write.Position?.Partition);
            _offsets.Add(write.Position?.Offset);
        }
    }
}
