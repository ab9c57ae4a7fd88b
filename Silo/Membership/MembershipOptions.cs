namespace FraudActors.Silo.Membership;

/// <summary>How a silo takes part in the PostgreSQL membership table (configuration section <c>Membership</c>).</summary>
internal sealed class MembershipOptions
{
    public string ConnectionString { get; set; } = "";

    /// <summary>The base URL other gateways forward this silo's cards to.</summary>
    public string Address { get; set; } = "http://127.0.0.1:5080";

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A member whose heartbeat is older than this is presumed dead and ignored (its row is removed by the next silo's sweep).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a read of the table is reused for routing.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMilliseconds(500);

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            return "Membership:ConnectionString is required.";
        }

        if (!Uri.TryCreate(Address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "Membership:Address must be an absolute http(s) URL.";
        }

        if (HeartbeatInterval <= TimeSpan.Zero || Expiry <= HeartbeatInterval * 2)
        {
            return "Membership:Expiry must be more than twice Membership:HeartbeatInterval, which must be positive.";
        }

        return CacheFor < TimeSpan.Zero ? "Membership:CacheFor must not be negative." : null;
    }
}
