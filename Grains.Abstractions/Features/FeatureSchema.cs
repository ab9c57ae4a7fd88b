using System.Security.Cryptography;
using System.Text;

namespace FraudActors.Grains.Abstractions.Features;

/// <summary>
/// The ordered input columns of a model. A model package carries its schema; a silo only loads a model
/// whose schema it can produce (same names, same order), which the hash checks cheaply.
/// </summary>
public sealed record FeatureSchema
{
    public FeatureSchema(string name, IReadOnlyList<string> features)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0)
        {
            throw new ArgumentException("A schema needs at least one feature.", nameof(features));
        }

        Name = name;
        Features = features;
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + string.Join('\n', features))))[..16];
    }

    /// <summary>"card-behaviour" or "plain-columns".</summary>
    public string Name { get; }

    public IReadOnlyList<string> Features { get; }

    /// <summary>First 16 hex digits of SHA-256 over the name and the ordered feature names.</summary>
    public string Hash { get; }

    public int Count => Features.Count;

    /// <summary>The card-behaviour model's input: the card's windows, then the merchant's risk.</summary>
    public static FeatureSchema CardBehaviour { get; } =
        new("card-behaviour", [.. CardFeatures.Names, .. MerchantFeatures.Names]);

    /// <summary>The anonymised European card data set: Time, V1…V28, Amount.</summary>
    public static FeatureSchema EuropeanColumns { get; } =
        new("plain-columns", ["Time", .. Enumerable.Range(1, 28).Select(i => $"V{i}"), "Amount"]);

    public bool IsCompatibleWith(FeatureSchema other) => other is not null && Hash == other.Hash;
}
