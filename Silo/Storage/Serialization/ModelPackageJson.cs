using System.Text.Json;
using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Silo.Storage.Serialization;

/// <summary>
/// The one JSON form of a <see cref="ModelPackage"/>: what the registry stores and what the trainer writes
/// to and reads from package files. The feature schema's hash is written and re-verified on read, so a
/// package whose feature list was edited is rejected instead of scoring with columns in the wrong order.
/// </summary>
public static class ModelPackageJson
{
    /// <summary>UTF-8 JSON (camelCase, NaN/Infinity as strings).</summary>
    public static byte[] Serialize(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return JsonSerializer.SerializeToUtf8Bytes(package, ModelPackageJsonContext.Default.ModelPackage);
    }

    /// <summary>
    /// Reads a package written by <see cref="Serialize"/>. Throws <see cref="InvalidDataException"/> with a
    /// one-line reason when the JSON is malformed, a field is missing or the schema hash does not match.
    /// </summary>
    public static ModelPackage Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, ModelPackageJsonContext.Default.ModelPackage)
                ?? throw new InvalidDataException("Not a valid model package: the JSON is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a valid model package: {e.Message}", e);
        }
    }

    internal static string SerializeMetrics(IReadOnlyDictionary<string, double> metrics)
    {
        var copy = new Dictionary<string, double>(metrics.Count, StringComparer.Ordinal);
        foreach (var (name, value) in metrics)
        {
            copy[name] = value;
        }

        return JsonSerializer.Serialize(copy, ModelPackageJsonContext.Default.DictionaryStringDouble);
    }

    internal static IReadOnlyDictionary<string, double> DeserializeMetrics(string json) =>
        JsonSerializer.Deserialize(json, ModelPackageJsonContext.Default.DictionaryStringDouble)
            ?? throw new InvalidDataException("Stored metrics are null.");
}
