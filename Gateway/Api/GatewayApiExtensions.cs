using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using FraudActors.Gateway.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace FraudActors.Gateway.Api;

/// <summary>Switches the HTTP API on: API-key authentication with scopes, per-key rate limits, strict JSON, problem details, OpenAPI.</summary>
internal static class GatewayApiExtensions
{
    public const string RateLimitPolicy = "per-key";

    public static IServiceCollection AddGatewayApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(options => options.Validate() is null, "Invalid Api settings: check Api:Keys (name, 64-hex SHA-256 hash, scopes), MaxBatchSize, MaxBodyBytes, MaxJsonDepth and the rate limit.")
            .ValidateOnStart();
        services.AddSingleton<ApiKeyRing>();
        services.AddSingleton<RequestBody>();
        services.AddProblemDetails();

        // Responses may carry NaN (e.g. a shadow agreement rate before the first transaction): write it as "NaN" rather than fail.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiScopes.Score, policy => policy.RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, ApiScopes.Score, ApiScopes.Admin))
            .AddPolicy(ApiScopes.Read, policy => policy.RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, ApiScopes.Read, ApiScopes.Admin))
            .AddPolicy(ApiScopes.Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, ApiScopes.Admin));

        var settings = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.Name ?? ApiKeyRing.AnonymousName,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.RateLimitPermits,
                    Window = TimeSpan.FromSeconds(settings.RateLimitWindowSeconds),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = static (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"This key's rate limit is reached; retry after {retryAfter} s.").ExecuteAsync(context.HttpContext));
            };
        });
        services.AddOpenApi();
        return services;
    }

    /// <summary>The middleware (in order: errors, authentication, authorization, rate limits) and every API endpoint.</summary>
    public static WebApplication MapGatewayApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi().AllowAnonymous();
        app.MapDocsPage();
        app.MapReadiness();
        var v1 = app.MapGroup("").RequireRateLimiting(RateLimitPolicy);
        v1.MapTransactionEndpoints();
        v1.MapModelEndpoints();
        v1.MapLabelEndpoints();
        v1.MapCardEndpoints();
        return app;
    }
}
