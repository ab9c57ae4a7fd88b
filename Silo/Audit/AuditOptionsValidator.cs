using Microsoft.Extensions.Options;
using Npgsql;

namespace FraudActors.Silo.Audit;

internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        if (options.Store == AuditStoreKind.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add($"Audit:{nameof(AuditOptions.ConnectionString)} is empty; give the PostgreSQL connection string.");
            }
            else
            {
                try
                {
                    _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                }
                catch (ArgumentException e)
                {
                    failures.Add($"Audit:{nameof(AuditOptions.ConnectionString)} is invalid: {e.Message}");
                }
            }
        }
        else if (string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            failures.Add($"Audit:{nameof(AuditOptions.SqlitePath)} is empty.");
        }

        if (options.BatchSize is < 1 or > 1_000_000)
        {
            failures.Add($"Audit:{nameof(AuditOptions.BatchSize)} must be between 1 and 1,000,000 (was {options.BatchSize}).");
        }

        if (options.BufferCapacity < options.BatchSize || options.BufferCapacity > 50_000_000)
        {
            failures.Add($"Audit:{nameof(AuditOptions.BufferCapacity)} must be at least the batch size and at most 50,000,000 (was {options.BufferCapacity}).");
        }

        if (options.FlushInterval <= TimeSpan.Zero || options.FlushInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Audit:{nameof(AuditOptions.FlushInterval)} must be between 0 and 1 minute (was {options.FlushInterval}).");
        }

        if (string.IsNullOrWhiteSpace(options.SpillDirectory))
        {
            failures.Add($"Audit:{nameof(AuditOptions.SpillDirectory)} is empty; rows could not wait out an outage.");
        }

        if (options.ReconnectMinDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectMinDelay || options.ReconnectMaxDelay > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Audit: reconnect delays must satisfy 0 < {nameof(AuditOptions.ReconnectMinDelay)} ≤ {nameof(AuditOptions.ReconnectMaxDelay)} ≤ 10 min (were {options.ReconnectMinDelay} and {options.ReconnectMaxDelay}).");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Audit:{nameof(AuditOptions.ShutdownTimeout)} must be between 0 and 5 minutes (was {options.ShutdownTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
