using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.ApiKeys.Migrations;
using FraudActors.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FraudActors.Silo.Storage.ApiKeys;

/// <summary>The API keys in the embedded SQLite file (the registry's file by default, so the trainer and the gateway share it).</summary>
internal sealed class SqliteApiKeyStore : IApiKeyStore
{
    private const string Columns = "name, hash, scopes, created_at, revoked_at";
    private readonly string _connectionString;

    private SqliteApiKeyStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating when missing) the file and applies the "apikeys" migrations; <see cref="StoreUnavailableException"/> when it cannot.</summary>
    public static SqliteApiKeyStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var store = new SqliteApiKeyStore(connectionString);
        try
        {
            if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = store.OpenConnection();
            SqliteMigrator.Apply(connection, SqliteApiKeyMigrations.Scope, SqliteApiKeyMigrations.All);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            throw new StoreUnavailableException($"Cannot open the SQLite store at '{fullPath}': {e.Message.TrimEnd('.')}", e);
        }

        return store;
    }

    public Task<bool> CreateAsync(StoredApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenConnection();
        using var command = new SqliteCommand(
            $"INSERT INTO api_keys ({Columns}) VALUES ($name, $hash, $scopes, $created, NULL) ON CONFLICT DO NOTHING", connection);
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$hash", key.Hash);
        command.Parameters.AddWithValue("$scopes", string.Join(',', key.Scopes));
        command.Parameters.AddWithValue("$created", key.CreatedAt.UtcTicks);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenConnection();
        using var command = new SqliteCommand($"SELECT {Columns} FROM api_keys ORDER BY name", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<StoredApiKey>();
        while (reader.Read())
        {
            keys.Add(new StoredApiKey(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries),
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)));
        }

        return Task.FromResult<IReadOnlyList<StoredApiKey>>(keys);
    }

    public Task<bool> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenConnection();
        using var command = new SqliteCommand("UPDATE api_keys SET revoked_at = $at WHERE name = $name AND revoked_at IS NULL", connection);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        return ValueTask.CompletedTask;
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
