using System.Security.Claims;
using System.Security.Cryptography;
using FraudActors.Gateway.Api;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Security;

/// <summary>The configured keys as hash bytes, each with its ready-made principal; a presented key is hashed and compared in constant time.</summary>
internal sealed class ApiKeyRing
{
    public const string AnonymousName = "anonymous";

    private readonly (byte[] Hash, ClaimsPrincipal Principal)[] _keys;

    public ApiKeyRing(IOptions<ApiOptions> options)
    {
        var settings = options.Value;
        _keys = new (byte[], ClaimsPrincipal)[settings.Keys.Count];
        for (var i = 0; i < _keys.Length; i++)
        {
            var entry = settings.Keys[i];
            _keys[i] = (Convert.FromHexString(entry.Hash), Principal(entry.Name, entry.Scopes));
        }

        Anonymous = settings.AllowAnonymousInDemo ? Principal(AnonymousName, [ApiScopes.Score, ApiScopes.Read, ApiScopes.Admin]) : null;
    }

    /// <summary>The principal of a request without a key, or null when such requests are refused.</summary>
    public ClaimsPrincipal? Anonymous { get; }

    /// <summary>The principal of <paramref name="key"/>, or null when no configured key matches.</summary>
    public ClaimsPrincipal? Find(string key)
    {
        var presented = ApiKeyHasher.HashBytes(key);
        ClaimsPrincipal? found = null;

        // Every entry is compared (no early exit) so the time taken says nothing about which key nearly matched.
        foreach (var (hash, principal) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                found = principal;
            }
        }

        return found;
    }

    private static ClaimsPrincipal Principal(string name, IEnumerable<string> scopes)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        foreach (var scope in scopes)
        {
            claims.Add(new Claim(ApiScopes.ClaimType, scope));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName));
    }
}
