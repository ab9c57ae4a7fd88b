using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.ApiKeys.Migrations;
using FraudActors.Silo.Storage.Postgres;
using Npgsql;

namespace FraudActors.Silo.Storage.ApiKeys;

/// <summary>The API keys in PostgreSQL; migrates the "apikeys" scope on first use, so a gateway starts while the server is down.</summary>
internal sealed class PostgresApiKeyStore : IApiKeyStore
{
    private const string Columns = "name, hash, scopes, created_at, revoked_at";
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    private PostgresApiKeyStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>A store for <paramref name="connectionString"/>; throws <see cref="StoreUnavailableException"/> when the string is not valid.</summary>
    public static PostgresApiKeyStore Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return new PostgresApiKeyStore(NpgsqlDataSource.Create(connectionString));
        }
        catch (ArgumentException exception)
        {
            throw new StoreUnavailableException($"The PostgreSQL connection string is not valid: {exception.Message}", exception);
        }
    }

    public async Task<bool> CreateAsync(StoredApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"INSERT INTO api_keys ({Columns}) VALUES (@name, @hash, @scopes, @created, NULL) ON CONFLICT DO NOTHING", connection);
        command.Parameters.AddWithValue("name", key.Name);
        command.Parameters.AddWithValue("hash", key.Hash);
        command.Parameters.AddWithValue("scopes", string.Join(',', key.Scopes));
        command.Parameters.AddWithValue("created", key.CreatedAt.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM api_keys ORDER BY name", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<StoredApiKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new StoredApiKey(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return keys;
    }

    public async Task<bool> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("UPDATE api_keys SET revoked_at = @at WHERE name = @name AND revoked_at IS NULL", connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _migration.Dispose();
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await _migration.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_migrated)
                {
                    await PostgresMigrator.ApplyAsync(_dataSource, PostgresApiKeyMigrations.Scope, PostgresApiKeyMigrations.All, cancellationToken).ConfigureAwait(false);
                    _migrated = true;
                }
            }
            finally
            {
                _migration.Release();
            }
        }

        return await PostgresConnections.OpenAsync(_dataSource, cancellationToken).ConfigureAwait(false);
    }
}
