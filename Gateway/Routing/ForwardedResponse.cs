namespace FraudActors.Gateway.Routing;

/// <summary>The owning silo's answer, relayed as it came (status, content type, body) plus the silo header.</summary>
internal sealed class ForwardedResponse(int statusCode, string? contentType, byte[] body, IEnumerable<string>? silo) : IResult
{
    public static async Task<ForwardedResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            response.Headers.TryGetValues(CardRouter.SiloHeader, out var silo);
            return new ForwardedResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, silo?.ToArray());
        }
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        if (silo is not null)
        {
            response.Headers[CardRouter.SiloHeader] = silo.ToArray();
        }

        await response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
