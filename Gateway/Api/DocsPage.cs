using Microsoft.AspNetCore.Http.HttpResults;

namespace FraudActors.Gateway.Api;

/// <summary>GET /docs: one static page listing the endpoints and linking the OpenAPI document (no CDN, no script).</summary>
internal static class DocsPage
{
    private const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>FraudActors API</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2rem}td,th{text-align:left;padding:.2rem .6rem}</style>
        </head><body>
        <h1>FraudActors API v1</h1>
        <p>Machine-readable description: <a href="/openapi/v1.json">/openapi/v1.json</a>. Send the key in <code>X-API-Key</code>; errors are RFC 7807 problem details naming the field.</p>
        <table>
        <tr><th>method</th><th>path</th><th>scope</th><th>what</th></tr>
        <tr><td>POST</td><td><code>/v1/transactions/score</code></td><td>score</td><td>score one transaction (retrying the same id returns the same decision)</td></tr>
        <tr><td>POST</td><td><code>/v1/transactions/score-batch</code></td><td>score</td><td><code>{"transactions":[..]}</code>, results in order, bad items by index</td></tr>
        <tr><td>POST</td><td><code>/v1/models/{model}/score</code></td><td>score</td><td>one row of a plain-columns model (named columns or <code>{"features":[..]}</code>)</td></tr>
        <tr><td>POST</td><td><code>/v1/labels</code></td><td>read</td><td>confirmed fraud / genuine labels</td></tr>
        <tr><td>GET</td><td><code>/v1/models</code>, <code>/v1/models/{model}</code></td><td>read</td><td>versions, aliases, metrics, shadow figures</td></tr>
        <tr><td>POST</td><td><code>/v1/models/{model}/promote</code>, <code>/rollback</code></td><td>admin</td><td>move an alias through the promotion gate; roll the champion back</td></tr>
        <tr><td>GET</td><td><code>/health/live</code>, <code>/health/ready</code></td><td>none</td><td>liveness; readiness (a champion model is loaded)</td></tr>
        </table>
        </body></html>
        """;

    public static IEndpointRouteBuilder MapDocsPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/docs", Page).ExcludeFromDescription().AllowAnonymous();
        return routes;
    }

    public static ContentHttpResult Page() => TypedResults.Content(Html, "text/html; charset=utf-8");
}
