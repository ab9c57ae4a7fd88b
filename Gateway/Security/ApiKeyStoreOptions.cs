using FraudActors.Silo.Storage.Postgres;
using FraudActors.Silo.Storage.Sqlite;

namespace FraudActors.Gateway.Security;

/// <summary>
/// Keys created with <c>trainer keys create</c> live in the <c>api_keys</c> table of the gateway's store (the same
/// PostgreSQL database or SQLite file as the registry); section <c>Api:KeyStore</c>.
/// </summary>
internal sealed class ApiKeyStoreOptions
{
    public const string Section = "Api:KeyStore";

    /// <summary>Seconds between reads of the table: a new or revoked key takes effect within this (default 2; 0 = configured keys only).</summary>
    public int RefreshSeconds { get; set; } = 2;

    /// <summary>PostgreSQL connection string; null = the SQLite file at <see cref="SqlitePath"/>.</summary>
    public string? PostgresConnectionString { get; set; }

    public string SqlitePath { get; set; } = SqliteStoreOptions.DefaultPath;

    /// <summary>The store the hosting uses: <c>Storage:Postgres:ConnectionString</c> (or FRAUDACTORS_POSTGRES), else <c>Storage:Sqlite:Path</c>.</summary>
    public static ApiKeyStoreOptions From(IConfiguration configuration)
    {
        var options = new ApiKeyStoreOptions
        {
            PostgresConnectionString = configuration["Storage:Postgres:ConnectionString"] ?? configuration[PostgresStoreOptions.EnvironmentVariable],
            SqlitePath = configuration["Storage:Sqlite:Path"] ?? SqliteStoreOptions.DefaultPath,
        };
        configuration.GetSection(Section).Bind(options);
        if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            options.PostgresConnectionString = null;
        }

        return options;
    }
}
