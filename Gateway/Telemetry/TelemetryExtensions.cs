using System.Text;
using FraudActors.Gateway.Security;
using FraudActors.Silo.Ingestion;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Telemetry;

/// <summary>
/// Switches telemetry on: decision metrics, engine gauges, the Prometheus <c>/metrics</c> endpoint, OTLP export when
/// <c>Telemetry:Otlp:Endpoint</c> is set, and activity tags (transaction id, card id) in log scopes.
/// </summary>
internal static class TelemetryExtensions
{
    private const string MappedKey = "FraudActors.Telemetry.Mapped";

    /// <summary>Registers telemetry once; a second call changes nothing (a decision sink registered twice would count twice).</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(MetricsCollector))
            {
                return services;
            }
        }

        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section))
            .Validate(options => options.Validate() is null, "Invalid Telemetry settings: check Telemetry:Metrics (Path, MaxSeriesPerInstrument) and Telemetry:Otlp (Endpoint, Protocol, intervals).")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<DecisionMeter>();
        services.AddSingleton<IDecisionSink>(static provider => provider.GetRequiredService<DecisionMeter>());
        services.AddSingleton<EngineGauges>();
        services.AddSingleton<MetricsCollector>();
        services.AddSingleton<OtlpExport>();
        services.AddHostedService(static provider => provider.GetRequiredService<OtlpExport>());

        // A log line written inside a transaction's span carries its trace, span and tags (transaction.id, card.id) as scopes.
        services.Configure<LoggerFactoryOptions>(static options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId | ActivityTrackingOptions.Tags);
        return services;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Metrics;
        if (!options.Enabled || !((IApplicationBuilder)app).Properties.TryAdd(MappedKey, true))
        {
            return app;
        }

        // Resolved now, so aggregation starts with the host rather than at the first scrape.
        app.Services.GetRequiredService<MetricsCollector>();
        var endpoint = app.MapGet(options.Path, Scrape)
            .WithTags("Telemetry")
            .WithSummary("Prometheus text format 0.0.4 (read scope, or anonymous with Telemetry:Metrics:AllowAnonymous)");
        if (options.AllowAnonymous)
        {
            endpoint.AllowAnonymous();
        }
        else
        {
            endpoint.RequireAuthorization(ApiScopes.Read);
        }

        return app;
    }

    internal static IResult Scrape(MetricsCollector collector)
    {
        var text = new StringBuilder(32 * 1024);
        collector.WriteTo(text);
        return TypedResults.Text(text.ToString(), PrometheusText.ContentType);
    }
}
