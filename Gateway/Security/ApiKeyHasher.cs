using System.Security.Cryptography;
using System.Text;

namespace FraudActors.Gateway.Security;

/// <summary>
/// Creates API keys and the hashes the gateway stores instead of them. A key is 32 random bytes in base64url
/// (43 characters): enough entropy that an unsalted SHA-256 is safe to keep in configuration.
/// </summary>
public static class ApiKeyHasher
{
    /// <summary>A new random key; show it once, store only <see cref="Hash"/> of it.</summary>
    public static string CreateKey()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The lower-case hex SHA-256 of the key's UTF-8 bytes, as <c>Api:Keys[].Hash</c> expects.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(HashBytes(key));
    }

    internal static byte[] HashBytes(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
