using FraudActors.Silo.Storage.ApiKeys;

namespace FraudActors.Gateway.Security;

/// <summary>
/// Creates API keys and the hashes the gateway stores instead of them. A key is 32 random bytes in base64url
/// (43 characters): enough entropy that an unsalted SHA-256 is safe to keep in configuration. The same digest as
/// <c>trainer keys create</c> stores (<see cref="ApiKeyDigest"/>).
/// </summary>
public static class ApiKeyHasher
{
    /// <summary>A new random key; show it once, store only <see cref="Hash"/> of it.</summary>
    public static string CreateKey() => ApiKeyDigest.CreateKey();

    /// <summary>The lower-case hex SHA-256 of the key's UTF-8 bytes, as <c>Api:Keys[].Hash</c> expects.</summary>
    public static string Hash(string key) => ApiKeyDigest.Hash(key);

    internal static byte[] HashBytes(string key) => ApiKeyDigest.HashBytes(key);
}
