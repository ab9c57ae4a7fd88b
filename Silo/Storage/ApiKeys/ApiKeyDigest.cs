using System.Security.Cryptography;
using System.Text;

namespace FraudActors.Silo.Storage.ApiKeys;

/// <summary>
/// Creates API keys and the digests stored instead of them. A key is 32 random bytes in base64url (43 characters):
/// enough entropy that an unsalted SHA-256 is safe to keep. Shared by the gateway and the trainer's key commands.
/// </summary>
public static class ApiKeyDigest
{
    /// <summary>The scopes a key may carry.</summary>
    public static IReadOnlyList<string> KnownScopes { get; } = Array.AsReadOnly(["score", "read", "admin"]);

    /// <summary>A new random key; show it once, store only <see cref="Hash"/> of it.</summary>
    public static string CreateKey()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(HashBytes(key));
    }

    public static byte[] HashBytes(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>True for a name the key commands accept: 1 to 64 of letters, digits, '.', '_' and '-'.</summary>
    public static bool IsValidName(string? name)
    {
        if (name is not { Length: > 0 and <= 64 })
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
