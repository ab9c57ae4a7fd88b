using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Storage.Postgres;
using FraudActors.Silo.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FraudActors.Silo.Storage.GrainState;

/// <summary>
/// Switches the grain runtime's <see cref="IGrainStorage"/> from the in-memory default to a durable store. Call
/// before or after <c>AddGrainRuntime</c>: the registration replaces whichever storage is there. The store is
/// opened (and its schema migrated) when first resolved, i.e. when the runtime is built at start-up; the
/// container disposes it after the runtime, which flushes every buffered snapshot.
/// </summary>
internal static class GrainStateServiceCollectionExtensions
{
    /// <summary>Grain state in PostgreSQL, shared by every silo (production).</summary>
    public static IServiceCollection AddPostgresGrainStorage(
        this IServiceCollection services,
        Action<PostgresStoreOptions> configure,
        Action<GrainStateStoreOptions>? writeBehind = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var store = new PostgresStoreOptions();
        configure(store);
        store.Validate();
        var batching = Batching(writeBehind);
        services.Replace(ServiceDescriptor.Singleton<IGrainStorage>(provider =>
            // Start-up only: the store migrates its schema once before the runtime handles a message.
            PostgresGrainStorage.OpenAsync(store, batching, TimeOf(provider), LoggerOf<PostgresGrainStorage>(provider)).GetAwaiter().GetResult()));
        return services;
    }

    /// <summary>Grain state in a SQLite file (the embedded default; may share the registry's file).</summary>
    public static IServiceCollection AddSqliteGrainStorage(
        this IServiceCollection services,
        Action<SqliteStoreOptions> configure,
        Action<GrainStateStoreOptions>? writeBehind = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var store = new SqliteStoreOptions();
        configure(store);
        store.Validate();
        var batching = Batching(writeBehind);
        services.Replace(ServiceDescriptor.Singleton<IGrainStorage>(provider =>
            SqliteGrainStorage.OpenAsync(store, batching, TimeOf(provider), LoggerOf<SqliteGrainStorage>(provider)).GetAwaiter().GetResult()));
        return services;
    }

    private static GrainStateStoreOptions Batching(Action<GrainStateStoreOptions>? configure)
    {
        var options = new GrainStateStoreOptions();
        configure?.Invoke(options);
        options.Validate();
        return options;
    }

    private static TimeProvider TimeOf(IServiceProvider provider) => provider.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILogger? LoggerOf<T>(IServiceProvider provider) => provider.GetService<ILoggerFactory>()?.CreateLogger<T>();
}
