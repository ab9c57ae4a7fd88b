using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Security;

/// <summary>Authenticates the <c>X-API-Key</c> header; 401 and 403 are answered as RFC 7807 problem details.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-API-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var values = Request.Headers[Header];
        if (values.Count == 0)
        {
            return Task.FromResult(keys.Anonymous is { } anonymous
                ? AuthenticateResult.Success(new AuthenticationTicket(anonymous, SchemeName))
                : AuthenticateResult.NoResult());
        }

        if (values.Count == 1 && values[0] is { Length: > 0 and <= 256 } key && keys.Find(key) is { } principal)
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }

        // Never echo the key, not even in the log.
        return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: $"Send a valid API key in the {Header} header.").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            detail: "The API key does not have the scope this endpoint needs.").ExecuteAsync(Context);
}
