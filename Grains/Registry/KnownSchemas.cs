using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Grains.Registry;

/// <summary>The feature schemas the running silos can produce, and which one each known model must use.</summary>
internal static class KnownSchemas
{
    /// <summary>The model trained on the anonymised European 30-column data set.</summary>
    public const string EuropeanModel = "european";

    public const string CardBehaviourModel = "card-behaviour";

    public static IReadOnlyList<FeatureSchema> All { get; } = [FeatureSchema.CardBehaviour, FeatureSchema.EuropeanColumns];

    /// <summary>The schema this build produces under <paramref name="schemaName"/>, or null when it produces none.</summary>
    public static FeatureSchema? Find(string schemaName)
    {
        foreach (var schema in All)
        {
            if (schema.Name == schemaName)
            {
                return schema;
            }
        }

        return null;
    }

    /// <summary>The schema a known model name must carry, or null for any other model name.</summary>
    public static FeatureSchema? ExpectedFor(string modelName) => modelName switch
    {
        CardBehaviourModel => FeatureSchema.CardBehaviour,
        EuropeanModel => FeatureSchema.EuropeanColumns,
        _ => null,
    };
}
