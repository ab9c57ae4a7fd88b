namespace FraudActors.Gateway.Security;

/// <summary>One configured API key: a name (the rate-limit partition and the audit "by"), its hash and its scopes.</summary>
internal sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    /// <summary>Lower- or upper-case hex SHA-256 of the key (see <see cref="ApiKeyHasher.Hash"/>).</summary>
    public string Hash { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            return "Every Api:Keys entry needs a Name.";
        }

        if (Hash.Length != 64 || !IsHex(Hash))
        {
            return $"Api:Keys '{Name}': Hash must be the 64-character hex SHA-256 of the key.";
        }

        foreach (var scope in Scopes)
        {
            if (!ApiScopes.IsKnown(scope))
            {
                return $"Api:Keys '{Name}': unknown scope '{scope}' (use score, read, admin).";
            }
        }

        return null;
    }

    private static bool IsHex(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
