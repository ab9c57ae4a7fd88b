using FraudActors.Gateway.Security;

namespace FraudActors.Gateway.Api;

/// <summary>The HTTP API's settings (section <c>Api</c>).</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The accepted keys, each stored only as the SHA-256 hash of the key.</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>
    /// Requests without an <c>X-API-Key</c> header act with every scope. Only for the embedded demo on
    /// 127.0.0.1 (so ./run.sh works out of the box); switch it off wherever the port is reachable.
    /// </summary>
    public bool AllowAnonymousInDemo { get; set; }

    /// <summary>Most transactions in one score-batch request.</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>Largest request body accepted, in bytes (413 beyond).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted.</summary>
    public int MaxJsonDepth { get; set; } = 16;

    /// <summary>Requests each key may make per <see cref="RateLimitWindowSeconds"/>.</summary>
    public int RateLimitPermits { get; set; } = 50_000;

    public int RateLimitWindowSeconds { get; set; } = 1;

    /// <summary>Returns the first invalid setting, or null.</summary>
    public string? Validate()
    {
        if (MaxBatchSize is < 1 or > 100_000)
        {
            return "Api:MaxBatchSize must be between 1 and 100000.";
        }

        if (MaxBodyBytes is < 1024 or > 256L * 1024 * 1024)
        {
            return "Api:MaxBodyBytes must be between 1024 and 268435456.";
        }

        if (MaxJsonDepth is < 4 or > 256)
        {
            return "Api:MaxJsonDepth must be between 4 and 256.";
        }

        if (RateLimitPermits < 1 || RateLimitWindowSeconds < 1)
        {
            return "Api:RateLimitPermits and Api:RateLimitWindowSeconds must be at least 1.";
        }

        foreach (var key in Keys)
        {
            if (key.Validate() is { } invalid)
            {
                return invalid;
            }
        }

        return null;
    }
}
