using FraudActors.Silo.Audit.Postgres;
using FraudActors.Silo.Audit.Sqlite;
using FraudActors.Silo.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Audit;

/// <summary>Switches on the decision audit log: an <see cref="IDecisionSink"/> with a bounded buffer, and its background writer.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Audits every decision into PostgreSQL (<see cref="AuditOptions.ConnectionString"/>) with batched binary COPY.</summary>
    public static IServiceCollection AddPostgresAudit(this IServiceCollection services, Action<AuditOptions>? configure = null) =>
        services.AddAudit(AuditStoreKind.Postgres, configure, static options => PostgresAuditStore.Create(options.ConnectionString));

    /// <summary>Audits every decision into the embedded SQLite file (<see cref="AuditOptions.SqlitePath"/>).</summary>
    public static IServiceCollection AddSqliteAudit(this IServiceCollection services, Action<AuditOptions>? configure = null) =>
        services.AddAudit(AuditStoreKind.Sqlite, configure, static options => SqliteAuditStore.Open(options.SqlitePath));

    private static IServiceCollection AddAudit<TStore>(
        this IServiceCollection services,
        AuditStoreKind kind,
        Action<AuditOptions>? configure,
        Func<AuditOptions, TStore> createStore)
        where TStore : class, IAuditStore, IAuditReader
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AuditOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure(o => o.Store = kind).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => createStore(provider.GetRequiredService<IOptions<AuditOptions>>().Value));
        services.TryAddSingleton<IAuditStore>(static provider => provider.GetRequiredService<TStore>());
        services.TryAddSingleton<IAuditReader>(static provider => provider.GetRequiredService<TStore>());
        services.TryAddSingleton<AuditSink>();
        services.AddSingleton<IDecisionSink>(static provider => provider.GetRequiredService<AuditSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditWriter>());
        return services;
    }
}
