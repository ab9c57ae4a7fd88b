using System.Runtime.CompilerServices;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Registry;
using FraudActors.Silo.Storage.Serialization;
using FraudActors.Silo.Storage.Sqlite.Migrations;
using Microsoft.Data.Sqlite;

namespace FraudActors.Silo.Storage.Sqlite;

/// <summary>
/// The model registry in one SQLite file (WAL mode): the embedded default, no server needed. Several
/// processes may share the file; writers take turns on the file lock (BEGIN IMMEDIATE), and watchers poll
/// the alias history, whose id is the change counter. SQLite does its I/O synchronously, so the async
/// methods complete synchronously; registry writes are rare and short.
/// </summary>
internal sealed class SqliteModelRegistryStore : IModelRegistryStore, IAsyncDisposable
{
    private const string HistoryColumns = "id, model, alias, previous_version, new_version, changed_by, changed_at, reason, forced";

    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly int _busyTimeoutMs;

    private SqliteModelRegistryStore(string connectionString, SqliteStoreOptions options, TimeProvider time)
    {
        _connectionString = connectionString;
        _options = options;
        _time = time;
        _busyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; private init; } = string.Empty;

    /// <summary>
    /// Opens (creating when missing) the file at <see cref="SqliteStoreOptions.Path"/>, switches it to WAL and
    /// applies the registry migrations. Throws <see cref="StoreUnavailableException"/> when the file cannot be
    /// opened or created.
    /// </summary>
    public static Task<SqliteModelRegistryStore> OpenAsync(
        SqliteStoreOptions options,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var path = System.IO.Path.GetFullPath(options.Path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        var store = new SqliteModelRegistryStore(connectionString, options, timeProvider ?? TimeProvider.System) { FilePath = path };
        try
        {
            if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = store.Open();
            using (var command = new SqliteCommand("PRAGMA journal_mode = WAL", connection))
            {
                command.ExecuteNonQuery();
            }

            SqliteMigrator.Apply(connection, SqliteRegistryMigrations.Scope, SqliteRegistryMigrations.All);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            throw new StoreUnavailableException($"Cannot open the SQLite store at '{path}': {e.Message.TrimEnd('.')}", e);
        }

        return Task.FromResult(store);
    }

    public Task<ModelPackage> PublishAsync(ModelPackage package, string publishedBy, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        RegistryArguments.Name(package.ModelName, "model");
        RegistryArguments.Name(publishedBy, nameof(publishedBy));
        RegistryArguments.Text(reason, nameof(reason));
        cancellationToken.ThrowIfCancellationRequested();
        var metrics = ModelPackageJson.SerializeMetrics(package.Metrics);

        using var connection = Open();

        // BEGIN IMMEDIATE holds the file's write lock from the start, so max + 1 cannot be taken twice.
        using var transaction = connection.BeginTransaction(deferred: false);
        int version;
        using (var command = new SqliteCommand("SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE model = $model", connection, transaction))
        {
            command.Parameters.AddWithValue("$model", package.ModelName);
            version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var stored = StoredPackage.Of(package with { Version = version });
        using (var command = new SqliteCommand(
            """
            INSERT INTO model_versions (model, version, algorithm, schema_name, schema_hash, review_threshold, decline_threshold,
                                        metrics, created_at, published_at, published_by, reason, package, package_sha256)
            VALUES ($model, $version, $algorithm, $schema_name, $schema_hash, $review, $decline,
                    $metrics, $created_at, $published_at, $published_by, $reason, $package, $sha)
            """,
            connection,
            transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("$model", package.ModelName);
            p.AddWithValue("$version", version);
            p.AddWithValue("$algorithm", package.Algorithm);
            p.AddWithValue("$schema_name", package.Schema.Name);
            p.AddWithValue("$schema_hash", package.Schema.Hash);
            p.AddWithValue("$review", (double)package.Thresholds.Review);
            p.AddWithValue("$decline", (double)package.Thresholds.Decline);
            p.AddWithValue("$metrics", metrics);
            p.AddWithValue("$created_at", package.CreatedAt.UtcTicks);
            p.AddWithValue("$published_at", _time.GetUtcNow().UtcTicks);
            p.AddWithValue("$published_by", publishedBy);
            p.AddWithValue("$reason", reason);
            p.AddWithValue("$package", stored.Bytes);
            p.AddWithValue("$sha", stored.Sha256);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult(stored.Package);
    }

    public Task<ModelPackage?> GetAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        RegistryArguments.Name(model, nameof(model));
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        using var command = new SqliteCommand("SELECT package, package_sha256 FROM model_versions WHERE model = $model AND version = $version", connection);
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$version", version);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return Task.FromResult<ModelPackage?>(null);
        }

        return Task.FromResult<ModelPackage?>(StoredPackage.Read(model, version, (byte[])reader.GetValue(0), reader.GetString(1)));
    }

    public Task<IReadOnlyList<ModelVersionSummary>> ListAsync(string? model, CancellationToken cancellationToken = default)
    {
        if (model is not null)
        {
            RegistryArguments.Name(model, nameof(model));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var filter = model is null ? string.Empty : " WHERE model = $model";
        using var connection = Open();

        // A deferred transaction reads both tables from one snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        var versions = new List<PublishedVersionRow>();
        using (var command = new SqliteCommand(
            "SELECT model, version, algorithm, schema_hash, created_at, published_at, published_by, reason, metrics FROM model_versions"
                + filter + " ORDER BY model, version",
            connection,
            transaction))
        {
            if (model is not null)
            {
                command.Parameters.AddWithValue("$model", model);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                versions.Add(new PublishedVersionRow(
                    reader.GetString(0),
                    reader.GetInt32(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    FromTicks(reader.GetInt64(4)),
                    FromTicks(reader.GetInt64(5)),
                    reader.GetString(6),
                    reader.GetString(7),
                    ModelPackageJson.DeserializeMetrics(reader.GetString(8))));
            }
        }

        var aliases = new List<AliasRow>();
        using (var command = new SqliteCommand("SELECT model, alias, version FROM model_aliases" + filter, connection, transaction))
        {
            if (model is not null)
            {
                command.Parameters.AddWithValue("$model", model);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                aliases.Add(new AliasRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }

        transaction.Commit();
        return Task.FromResult(RegistryListing.Build(versions, aliases));
    }

    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        using var command = new SqliteCommand("SELECT DISTINCT model FROM model_versions ORDER BY model", connection);
        using var reader = command.ExecuteReader();
        var models = new List<string>();
        while (reader.Read())
        {
            models.Add(reader.GetString(0));
        }

        return Task.FromResult<IReadOnlyList<string>>(models);
    }

    public Task<int?> GetAliasAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        RegistryArguments.Name(model, nameof(model));
        RegistryArguments.Name(alias, nameof(alias));
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        return Task.FromResult(CurrentAlias(connection, null, model, alias));
    }

    public Task<AliasChange> SetAliasAsync(
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
        cancellationToken.ThrowIfCancellationRequested();

        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (version is { } target)
        {
            using var command = new SqliteCommand("SELECT 1 FROM model_versions WHERE model = $model AND version = $version", connection, transaction);
            command.Parameters.AddWithValue("$model", model);
            command.Parameters.AddWithValue("$version", target);
            if (command.ExecuteScalar() is null)
            {
                throw new ModelVersionNotFoundException(model, target);
            }
        }

        var previous = CurrentAlias(connection, transaction, model, alias);
        var now = _time.GetUtcNow().UtcTicks;
        using (var command = new SqliteCommand(
            version is null
                ? "DELETE FROM model_aliases WHERE model = $model AND alias = $alias"
                : """
                  INSERT INTO model_aliases (model, alias, version, changed_at) VALUES ($model, $alias, $version, $now)
                  ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at
                  """,
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("$model", model);
            command.Parameters.AddWithValue("$alias", alias);
            if (version is { } moved)
            {
                command.Parameters.AddWithValue("$version", moved);
                command.Parameters.AddWithValue("$now", now);
            }

            command.ExecuteNonQuery();
        }

        AliasChange change;
        using (var command = new SqliteCommand(
            $"""
            INSERT INTO model_alias_history (model, alias, previous_version, new_version, changed_by, changed_at, reason, forced)
            VALUES ($model, $alias, $previous, $new, $changed_by, $now, $reason, $forced)
            RETURNING {HistoryColumns}
            """,
            connection,
            transaction))
        {
            var p = command.Parameters;
            p.AddWithValue("$model", model);
            p.AddWithValue("$alias", alias);
            p.AddWithValue("$previous", previous is { } before ? before : DBNull.Value);
            p.AddWithValue("$new", version is { } after ? after : DBNull.Value);
            p.AddWithValue("$changed_by", changedBy);
            p.AddWithValue("$now", now);
            p.AddWithValue("$reason", reason);
            p.AddWithValue("$forced", forced);
            using var reader = command.ExecuteReader();
            reader.Read();
            change = ReadChange(reader);
        }

        transaction.Commit();
        return Task.FromResult(change);
    }

    public Task<IReadOnlyList<AliasChange>> AliasHistoryAsync(string model, CancellationToken cancellationToken = default)
    {
        RegistryArguments.Name(model, nameof(model));
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        using var command = new SqliteCommand($"SELECT {HistoryColumns} FROM model_alias_history WHERE model = $model ORDER BY id", connection);
        command.Parameters.AddWithValue("$model", model);
        return Task.FromResult(ReadChanges(command));
    }

    public async IAsyncEnumerable<AliasChange> WatchAsync(long? afterSequence = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = afterSequence ?? LastSequence();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = ChangesAfter(last);
            foreach (var change in batch)
            {
                last = change.Sequence;
                yield return change;
            }

            if (batch.Count == 0)
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Closes the pooled connections so the file is released.</summary>
    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        return ValueTask.CompletedTask;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // SQLite's own busy handler waits for another writer's lock instead of failing at once.
        using var command = new SqliteCommand($"PRAGMA busy_timeout = {_busyTimeoutMs}", connection);
        command.ExecuteNonQuery();
        return connection;
    }

    private long LastSequence()
    {
        using var connection = Open();
        using var command = new SqliteCommand("SELECT coalesce(max(id), 0) FROM model_alias_history", connection);
        return (long)command.ExecuteScalar()!;
    }

    private IReadOnlyList<AliasChange> ChangesAfter(long last)
    {
        using var connection = Open();
        using var command = new SqliteCommand($"SELECT {HistoryColumns} FROM model_alias_history WHERE id > $last ORDER BY id LIMIT 1000", connection);
        command.Parameters.AddWithValue("$last", last);
        return ReadChanges(command);
    }

    private static int? CurrentAlias(SqliteConnection connection, SqliteTransaction? transaction, string model, string alias)
    {
        using var command = new SqliteCommand("SELECT version FROM model_aliases WHERE model = $model AND alias = $alias", connection, transaction);
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$alias", alias);
        return command.ExecuteScalar() is long version ? (int)version : null;
    }

    private static IReadOnlyList<AliasChange> ReadChanges(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var changes = new List<AliasChange>();
        while (reader.Read())
        {
            changes.Add(ReadChange(reader));
        }

        return changes;
    }

    private static AliasChange ReadChange(SqliteDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4),
            reader.GetString(5),
            FromTicks(reader.GetInt64(6)),
            reader.GetString(7),
            reader.GetBoolean(8));

    private static DateTimeOffset FromTicks(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
