using System.Data;
using System.Runtime.CompilerServices;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Postgres.Migrations;
using FraudActors.Silo.Storage.Registry;
using FraudActors.Silo.Storage.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace FraudActors.Silo.Storage.Postgres;

/// <summary>
/// The model registry in PostgreSQL, shared by every silo and the trainer. Alias moves are announced with
/// NOTIFY on <see cref="PostgresStoreOptions.NotificationChannel"/>; watchers also poll, so a notification
/// lost with a dropped connection delays a hot swap by at most <see cref="PostgresStoreOptions.PollInterval"/>.
/// </summary>
internal sealed class PostgresModelRegistryStore : IModelRegistryStore, IAsyncDisposable
{
    // Advisory lock classes (the two-key form, apart from the migrator's one-key lock).
    private const int PublishLockClass = 0x46410001;
    private const int AliasLockClass = 0x46410002;

    private const string HistoryColumns = "id, model, alias, previous_version, new_version, changed_by, changed_at, reason, forced";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresStoreOptions _options;
    private readonly TimeProvider _time;

    private PostgresModelRegistryStore(NpgsqlDataSource dataSource, bool ownsDataSource, PostgresStoreOptions options, TimeProvider time)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options;
        _time = time;
    }

    /// <summary>
    /// Connects with <see cref="PostgresStoreOptions.ConnectionString"/>, applies the registry migrations and
    /// returns a store that owns its data source. Throws <see cref="StoreUnavailableException"/> when the
    /// server cannot be reached or refuses the credentials.
    /// </summary>
    public static async Task<PostgresModelRegistryStore> OpenAsync(
        PostgresStoreOptions options,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        try
        {
            return await OpenAsync(dataSource, ownsDataSource: true, options, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The same over a data source the caller shares with other stores (grain state, audit) and disposes
    /// itself. <see cref="PostgresStoreOptions.ConnectionString"/> is ignored.
    /// </summary>
    public static Task<PostgresModelRegistryStore> OpenAsync(
        NpgsqlDataSource dataSource,
        PostgresStoreOptions options,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        return OpenAsync(dataSource, ownsDataSource: false, options, timeProvider, cancellationToken);
    }

    private static async Task<PostgresModelRegistryStore> OpenAsync(
        NpgsqlDataSource dataSource,
        bool ownsDataSource,
        PostgresStoreOptions options,
        TimeProvider? timeProvider,
        CancellationToken cancellationToken)
    {
        options.Validate();
        await PostgresMigrator.ApplyAsync(dataSource, PostgresRegistryMigrations.Scope, PostgresRegistryMigrations.All, cancellationToken)
            .ConfigureAwait(false);
        return new PostgresModelRegistryStore(dataSource, ownsDataSource, options, timeProvider ?? TimeProvider.System);
    }

    public async Task<ModelPackage> PublishAsync(ModelPackage package, string publishedBy, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        RegistryArguments.Name(package.ModelName, "model");
        RegistryArguments.Name(publishedBy, nameof(publishedBy));
        RegistryArguments.Text(reason, nameof(reason));
        var metrics = ModelPackageJson.SerializeMetrics(package.Metrics);

        // The per-model advisory lock makes max + 1 safe; the primary key is the backstop, hence the retry.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, hashtext(@model))", connection, transaction))
                {
                    command.Parameters.AddWithValue("class", PublishLockClass);
                    command.Parameters.AddWithValue("model", package.ModelName);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                int version;
                await using (var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE model = @model", connection, transaction))
                {
                    command.Parameters.AddWithValue("model", package.ModelName);
                    version = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                var stored = StoredPackage.Of(package with { Version = version });
                await using (var command = new NpgsqlCommand(
                    """
                    INSERT INTO model_versions (model, version, algorithm, schema_name, schema_hash, review_threshold, decline_threshold,
                                                metrics, created_at, published_at, published_by, reason, package, package_sha256)
                    VALUES (@model, @version, @algorithm, @schema_name, @schema_hash, @review, @decline,
                            @metrics, @created_at, @published_at, @published_by, @reason, @package, @sha)
                    """,
                    connection,
                    transaction))
                {
                    var p = command.Parameters;
                    p.AddWithValue("model", package.ModelName);
                    p.AddWithValue("version", version);
                    p.AddWithValue("algorithm", package.Algorithm);
                    p.AddWithValue("schema_name", package.Schema.Name);
                    p.AddWithValue("schema_hash", package.Schema.Hash);
                    p.AddWithValue("review", package.Thresholds.Review);
                    p.AddWithValue("decline", package.Thresholds.Decline);
                    p.AddWithValue("metrics", NpgsqlDbType.Jsonb, metrics);
                    p.AddWithValue("created_at", package.CreatedAt.ToUniversalTime());
                    p.AddWithValue("published_at", _time.GetUtcNow().ToUniversalTime());
                    p.AddWithValue("published_by", publishedBy);
                    p.AddWithValue("reason", reason);
                    p.AddWithValue("package", stored.Bytes);
                    p.AddWithValue("sha", stored.Sha256);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return stored.Package;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 10)
            {
                // Another publisher took the number (only possible without the lock, e.g. a hand-made insert); try the next.
            }
        }
    }

    public async Task<ModelPackage?> GetAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        RegistryArguments.Name(model, nameof(model));
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT package, package_sha256 FROM model_versions WHERE model = @model AND version = @version", connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return StoredPackage.Read(model, version, reader.GetFieldValue<byte[]>(0), reader.GetString(1));
    }

    public async Task<IReadOnlyList<ModelVersionSummary>> ListAsync(string? model, CancellationToken cancellationToken = default)
    {
        if (model is not null)
        {
            RegistryArguments.Name(model, nameof(model));
        }

        var filter = model is null ? string.Empty : " WHERE model = @model";
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // One snapshot for both reads, so a version and its aliases agree.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var versions = new List<PublishedVersionRow>();
        await using (var command = new NpgsqlCommand(
            "SELECT model, version, algorithm, schema_hash, created_at, published_at, published_by, reason, metrics::text FROM model_versions"
                + filter + " ORDER BY model COLLATE \"C\", version",
            connection,
            transaction))
        {
            if (model is not null)
            {
                command.Parameters.AddWithValue("model", model);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions.Add(new PublishedVersionRow(
                    reader.GetString(0),
                    reader.GetInt32(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    ModelPackageJson.DeserializeMetrics(reader.GetString(8))));
            }
        }

        var aliases = new List<AliasRow>();
        await using (var command = new NpgsqlCommand("SELECT model, alias, version FROM model_aliases" + filter, connection, transaction))
        {
            if (model is not null)
            {
                command.Parameters.AddWithValue("model", model);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                aliases.Add(new AliasRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return RegistryListing.Build(versions, aliases);
    }

    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT DISTINCT model COLLATE \"C\" AS model FROM model_versions ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var models = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(reader.GetString(0));
        }

        return models;
    }

    public async Task<int?> GetAliasAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        RegistryArguments.Name(model, nameof(model));
        RegistryArguments.Name(alias, nameof(alias));
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT version FROM model_aliases WHERE model = @model AND alias = @alias", connection);
        command.Parameters.AddWithValue("model", model);
        command.Parameters.AddWithValue("alias", alias);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : null;
    }

    public async Task<AliasChange> SetAliasAsync(
        string model,
        string alias,
        int? version,
        string changedBy,
        string reason,
        bool forced,
        CancellationToken cancellationToken = default)
    {
        RegistryArguments.Name(model, nameof(model));
        RegistryArguments.Name(alias, nameof(alias));
        RegistryArguments.Version(version);
        RegistryArguments.Name(changedBy, nameof(changedBy));
        RegistryArguments.Text(reason, nameof(reason));

        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // One alias move at a time across the whole registry: history ids then become visible in id order,
        // which is what lets a watcher resume from the last id it saw without skipping a late commit.
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, 0)", connection, transaction))
        {
            command.Parameters.AddWithValue("class", AliasLockClass);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (version is { } target)
        {
            await using var command = new NpgsqlCommand("SELECT 1 FROM model_versions WHERE model = @model AND version = @version", connection, transaction);
            command.Parameters.AddWithValue("model", model);
            command.Parameters.AddWithValue("version", target);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                throw new ModelVersionNotFoundException(model, target);
            }
        }

        int? previous;
        await using (var command = new NpgsqlCommand("SELECT version FROM model_aliases WHERE model = @model AND alias = @alias", connection, transaction))
        {
            command.Parameters.AddWithValue("model", model);
            command.Parameters.AddWithValue("alias", alias);
            previous = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int found ? found : null;
        }

        var now = _time.GetUtcNow().ToUniversalTime();
        await using (var command = new NpgsqlCommand(
            version is null
                ? "DELETE FROM model_aliases WHERE model = @model AND alias = @alias"
                : """
                  INSERT INTO model_aliases (model, alias, version, changed_at) VALUES (@model, @alias, @version, @now)
                  ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at
                  """,
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("model", model);
            command.Parameters.AddWithValue("alias", alias);
            if (version is { } moved)
            {
                command.Parameters.AddWithValue("version", moved);
                command.Parameters.AddWithValue("now", now);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        AliasChange change;
        await using (var command = new NpgsqlCommand(
            $"""
            INSERT INTO model_alias_history (model, alias, previous_version, new_version, changed_by, changed_at, reason, forced)
            VALUES (@model, @alias, @previous, @new, @changed_by, @now, @reason, @forced)
            RETURNING {HistoryColumns}
            """,
            connection,
            transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("model", model);
            p.AddWithValue("alias", alias);
            p.Add(new NpgsqlParameter<int?>("previous", NpgsqlDbType.Integer) { TypedValue = previous });
            p.Add(new NpgsqlParameter<int?>("new", NpgsqlDbType.Integer) { TypedValue = version });
            p.AddWithValue("changed_by", changedBy);
            p.AddWithValue("now", now);
            p.AddWithValue("reason", reason);
            p.AddWithValue("forced", forced);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            change = ReadChange(reader);
        }

        // Delivered on commit, to every listener in every process.
        await using (var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection, transaction))
        {
            command.Parameters.AddWithValue("channel", _options.NotificationChannel);
            command.Parameters.AddWithValue("payload", change.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return change;
    }

    public async Task<IReadOnlyList<AliasChange>> AliasHistoryAsync(string model, CancellationToken cancellationToken = default)
    {
        RegistryArguments.Name(model, nameof(model));
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {HistoryColumns} FROM model_alias_history WHERE model = @model ORDER BY id", connection);
        command.Parameters.AddWithValue("model", model);
        return await ReadChangesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<AliasChange> WatchAsync(long? afterSequence = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var watcher = new Watcher(this, afterSequence);
        while (true)
        {
            var batch = await watcher.NextAsync(cancellationToken).ConfigureAwait(false);
            foreach (var change in batch)
            {
                yield return change;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        PostgresConnections.OpenAsync(_dataSource, cancellationToken);

    private static async Task<IReadOnlyList<AliasChange>> ReadChangesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<AliasChange>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(ReadChange(reader));
        }

        return changes;
    }

    private static AliasChange ReadChange(NpgsqlDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4),
            reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.GetString(7),
            reader.GetBoolean(8));

    /// <summary>
    /// One LISTENing connection plus the last history id handed out. Reads after every notification and at
    /// least every poll interval; reconnects (and catches up from the last id) when the connection drops.
    /// </summary>
    private sealed class Watcher(PostgresModelRegistryStore store, long? afterSequence) : IAsyncDisposable
    {
        private NpgsqlConnection? _connection;
        private long? _last = afterSequence;
        private volatile bool _notified;

        public async Task<IReadOnlyList<AliasChange>> NextAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (_connection is null)
                    {
                        await ConnectAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else if (!_notified)
                    {
                        // The wait is the poll interval as well: it returns on a notification or on timeout.
                        await _connection.WaitAsync(store._options.PollInterval, cancellationToken).ConfigureAwait(false);
                    }

                    // Cleared before reading: a notification processed during the read sets it again.
                    _notified = false;
                    var batch = await ReadAfterAsync(cancellationToken).ConfigureAwait(false);
                    if (batch.Count > 0)
                    {
                        _last = batch[^1].Sequence;
                        return batch;
                    }
                }
                catch (Exception e) when (e is NpgsqlException or StoreUnavailableException or TimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    // The server went away: drop the connection, wait, reconnect and catch up from _last.
                    await DropAsync().ConfigureAwait(false);
                    await Task.Delay(store._options.PollInterval, store._time, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public ValueTask DisposeAsync() => DropAsync();

        private async Task ConnectAsync(CancellationToken cancellationToken)
        {
            var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            connection.Notification += (_, _) => _notified = true;
            _connection = connection;
            await using (var listen = new NpgsqlCommand($"LISTEN {store._options.NotificationChannel}", connection))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // "From now" is fixed after LISTEN, so a move committed in between is read, not lost.
            if (_last is null)
            {
                await using var command = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM model_alias_history", connection);
                _last = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
        }

        private async Task<IReadOnlyList<AliasChange>> ReadAfterAsync(CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT {HistoryColumns} FROM model_alias_history WHERE id > @last ORDER BY id LIMIT 1000",
                _connection);
            command.Parameters.AddWithValue("last", _last ?? 0L);
            return await ReadChangesAsync(command, cancellationToken).ConfigureAwait(false);
        }

        private async ValueTask DropAsync()
        {
            if (_connection is { } connection)
            {
                _connection = null;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
