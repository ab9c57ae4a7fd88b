using System.Text.RegularExpressions;
using Npgsql;

namespace FraudActors.Silo.Storage.Postgres;

/// <summary>
/// Where the PostgreSQL stores live. The host fills <see cref="ConnectionString"/> from the environment
/// variable <see cref="EnvironmentVariable"/> when it is set.
/// </summary>
internal sealed partial class PostgresStoreOptions
{
    /// <summary>The environment variable the host reads the connection string from.</summary>
    public const string EnvironmentVariable = "FRAUDACTORS_POSTGRES";

    /// <summary>A local server with the default superuser and a database named "fraudactors".</summary>
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Database=fraudactors";

    /// <summary>An Npgsql connection string. Default: <see cref="DefaultConnectionString"/>.</summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>The LISTEN/NOTIFY channel for alias changes. Default: "fraudactors_registry".</summary>
    public string NotificationChannel { get; set; } = "fraudactors_registry";

    /// <summary>
    /// How often a watcher re-reads the alias history even without a notification (a notification is lost
    /// when the listening connection drops). Default: 1 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="ArgumentException"/> with the setting at fault.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException($"The PostgreSQL connection string is empty; set {EnvironmentVariable}.", nameof(ConnectionString));
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The PostgreSQL connection string is invalid: {e.Message}", nameof(ConnectionString), e);
        }

        // LISTEN takes an identifier, not a parameter, so only plain identifiers are accepted.
        if (!ChannelName().IsMatch(NotificationChannel ?? string.Empty))
        {
            throw new ArgumentException(
                $"The notification channel '{NotificationChannel}' must be a lower-case identifier (letters, digits, '_').",
                nameof(NotificationChannel));
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"The poll interval must be between 0 and 1 hour; it is {PollInterval}.", nameof(PollInterval));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ChannelName();
}
