using System.CommandLine;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage;
using FraudActors.Silo.Storage.Postgres;

namespace FraudActors.Trainer.Cli;

/// <summary><c>trainer db migrate</c>: applies every schema (registry, grain state, audit) to the embedded file or to PostgreSQL.</summary>
internal static class DbCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var registry = new RegistryOptions();
        var migrate = new Command("migrate", "Apply the database migrations (idempotent; safe while silos start).") { json };
        registry.AddTo(migrate);
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var connection = parse.GetValue(registry.Postgres)
                    ?? (parse.GetResult(registry.Sqlite) is { Implicit: false } ? null : Environment.GetEnvironmentVariable(PostgresStoreOptions.EnvironmentVariable));
                var (target, results) = string.IsNullOrWhiteSpace(connection)
                    ? ($"sqlite {Path.GetFullPath(parse.GetValue(registry.Sqlite)!)}", StoreMigrations.ApplySqlite(parse.GetValue(registry.Sqlite)!))
                    : ("postgres", await StoreMigrations.ApplyPostgresAsync(connection, cancellationToken).ConfigureAwait(false));
                output.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { target, scopes = results.Select(r => new { scope = r.Scope, applied = r.Applied }) })
                    : $"migrated {target}: {string.Join(", ", results.Select(r => $"{r.Scope} +{r.Applied}"))}");
                return 0;
            }
            catch (StoreUnavailableException exception)
            {
                errors.WriteLine($"error: {exception.Message}");
                return 1;
            }
        });
        return new Command("db", "Database maintenance.") { migrate };
    }
}
