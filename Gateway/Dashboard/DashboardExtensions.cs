using FraudActors.Gateway.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FraudActors.Gateway.Dashboard;

/// <summary>The live dashboard: <c>GET /dashboard</c> (the page) and <c>GET /dashboard/api/snapshot</c> (the numbers it polls).</summary>
internal static class DashboardExtensions
{
    public const string PagePath = "/dashboard";
    public const string SnapshotPath = "/dashboard/api/snapshot";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<ModelCatalogCache>();
        services.AddSingleton<DashboardSampler>();
        services.AddSingleton<AlertRing>(static _ => new AlertRing());
        services.AddSingleton<FraudActors.Silo.Ingestion.IDecisionSink>(static provider => provider.GetRequiredService<AlertRing>());
        services.AddSingleton<LiveDistributions>();
        services.AddSingleton<FraudActors.Silo.Ingestion.IDecisionSink>(static provider => provider.GetRequiredService<LiveDistributions>());
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // Built now, so uptime and the first rates count from start-up rather than from the first page view.
        app.Services.GetRequiredService<DashboardSampler>();

        // The page is a static shell with no data in it, so it is anonymous: a browser cannot send the X-API-Key
        // header on navigation. Its script sends the key (kept in the browser) with every snapshot request, which
        // requires the read scope.
        app.MapGet(PagePath, Page).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(SnapshotPath, SnapshotAsync).RequireAuthorization(ApiScopes.Read).WithTags("Dashboard")
            .WithSummary("Every dashboard panel's live numbers in one small document");
        return app;
    }

    public static ContentHttpResult Page(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.Content(DashboardPage.Html, "text/html; charset=utf-8");
    }

    public static async Task<Ok<DashboardSnapshot>> SnapshotAsync(DashboardSampler sampler, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await sampler.SampleAsync(cancellationToken).ConfigureAwait(false));
    }
}
