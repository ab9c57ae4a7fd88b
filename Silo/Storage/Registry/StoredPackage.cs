using System.Security.Cryptography;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Silo.Storage.Serialization;

namespace FraudActors.Silo.Storage.Registry;

/// <summary>A package as the stores keep it: the serialised bytes and their SHA-256, checked on every read.</summary>
internal sealed record StoredPackage(ModelPackage Package, byte[] Bytes, string Sha256)
{
    public static StoredPackage Of(ModelPackage package)
    {
        var bytes = ModelPackageJson.Serialize(package);
        return new StoredPackage(package, bytes, Hash(bytes));
    }

    public static ModelPackage Read(string model, int version, byte[] bytes, string sha256)
    {
        if (!string.Equals(Hash(bytes), sha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Stored package {model} v{version} does not match its SHA-256; the row was altered or corrupted.");
        }

        return ModelPackageJson.Deserialize(bytes);
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
