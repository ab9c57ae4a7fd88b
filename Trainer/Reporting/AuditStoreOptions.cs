using System.CommandLine;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Audit.Postgres;
using FraudActors.Silo.Audit.Sqlite;
using FraudActors.Silo.Storage.Postgres;
using FraudActors.Silo.Storage.Sqlite;

namespace FraudActors.Trainer.Reporting;

/// <summary>
/// The <c>--sqlite PATH</c> / <c>--postgres CONNSTR</c> pair of the audit verbs. One location holds both the
/// audit log and the model registry (the embedded file by default), so replay finds the model that decided.
/// </summary>
internal sealed class AuditStoreOptions
{
    public Option<string> Sqlite { get; } = new("--sqlite", "--registry")
    {
        Description = $"The embedded store (SQLite) holding the audit log and the registry. Default {SqliteStoreOptions.DefaultPath}.",
        DefaultValueFactory = _ => SqliteStoreOptions.DefaultPath,
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = $"A PostgreSQL connection string; overrides --sqlite. Default: ${PostgresStoreOptions.EnvironmentVariable} when set.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Sqlite);
        command.Options.Add(Postgres);
    }

    /// <summary>The connection string to use, or null for the SQLite file.</summary>
    public string? PostgresConnection(ParseResult parse)
    {
        var explicitSqlite = parse.GetResult(Sqlite) is { Implicit: false };
        var connection = parse.GetValue(Postgres) ?? (explicitSqlite ? null : Environment.GetEnvironmentVariable(PostgresStoreOptions.EnvironmentVariable));
        return string.IsNullOrWhiteSpace(connection) ? null : connection;
    }

    /// <summary>Opens the audit log; dispose the result. Throws <see cref="StoreUnavailableException"/> with one line when it cannot.</summary>
    public async Task<AuditStoreHandle> OpenAuditAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (PostgresConnection(parse) is { } connection)
        {
            var store = await PostgresAuditStore.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
            return new AuditStoreHandle(store, store);
        }

        var path = parse.GetValue(Sqlite)!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no audit log at '{path}'; give --sqlite PATH or --postgres CONNSTR.", path);
        }

        var sqlite = SqliteAuditStore.Open(path);
        return new AuditStoreHandle(sqlite, sqlite);
    }

    /// <summary>Opens the model registry at the same location.</summary>
    public async Task<IModelRegistryStore> OpenRegistryAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (PostgresConnection(parse) is { } connection)
        {
            return await PostgresModelRegistryStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connection }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = parse.GetValue(Sqlite)! }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
