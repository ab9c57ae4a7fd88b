namespace FraudActors.Silo.Storage.Sqlite;

/// <summary>Where the embedded store keeps its file: the default of the one-command demo and of the trainer.</summary>
internal sealed class SqliteStoreOptions
{
    /// <summary>Relative to the working directory; the folder is created when missing.</summary>
    public const string DefaultPath = "data/fraudactors.db";

    /// <summary>The database file. Default: <see cref="DefaultPath"/>.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>How often a watcher looks for alias moves made by this or another process. Default: 250 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a writer waits for another writer's lock before failing. Default: 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> with the setting at fault.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("The SQLite store path is empty.", nameof(Path));
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"The poll interval must be between 0 and 1 hour; it is {PollInterval}.", nameof(PollInterval));
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"The busy timeout must be between 0 and 10 minutes; it is {BusyTimeout}.", nameof(BusyTimeout));
        }
    }
}
