using System.CommandLine;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Postgres;
using FraudActors.Silo.Storage.Sqlite;

namespace FraudActors.Trainer.Cli;

/// <summary>
/// The <c>--registry PATH</c> / <c>--postgres CONNSTR</c> pair every registry verb takes: the embedded SQLite
/// file by default, PostgreSQL when a connection string is given (or FRAUDACTORS_POSTGRES is set).
/// </summary>
internal sealed class RegistryOptions
{
    public Option<string> Sqlite { get; } = new("--registry")
    {
        Description = $"The embedded registry file (SQLite). Default {SqliteStoreOptions.DefaultPath}.",
        DefaultValueFactory = _ => SqliteStoreOptions.DefaultPath,
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = $"A PostgreSQL connection string; overrides --registry. Default: ${PostgresStoreOptions.EnvironmentVariable} when set.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Sqlite);
        command.Options.Add(Postgres);
    }

    public async Task<IModelRegistryStore> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var explicitSqlite = parse.GetResult(Sqlite) is { Implicit: false };
        var connection = parse.GetValue(Postgres) ?? (explicitSqlite ? null : Environment.GetEnvironmentVariable(PostgresStoreOptions.EnvironmentVariable));
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return await PostgresModelRegistryStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connection }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = parse.GetValue(Sqlite)! }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
