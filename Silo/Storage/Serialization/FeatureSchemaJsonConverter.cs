using System.Text.Json;
using System.Text.Json.Serialization;
using FraudActors.Grains.Abstractions.Features;

namespace FraudActors.Silo.Storage.Serialization;

/// <summary>
/// <see cref="FeatureSchema"/> computes its hash in its constructor, so it is written as name, features
/// and hash, rebuilt from name and features, and the rebuilt hash must equal the written one.
/// </summary>
internal sealed class FeatureSchemaJsonConverter : JsonConverter<FeatureSchema>
{
    public override FeatureSchema Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The feature schema must be a JSON object.");
        }

        string? name = null;
        string? hash = null;
        List<string>? features = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Malformed feature schema.");
            }

            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "name":
                    name = reader.GetString();
                    break;
                case "hash":
                    hash = reader.GetString();
                    break;
                case "features":
                    features = ReadFeatures(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(name) || features is null || features.Count == 0 || hash is null)
        {
            throw new JsonException("The feature schema needs a name, at least one feature and its hash.");
        }

        var schema = new FeatureSchema(name, features);
        if (!string.Equals(schema.Hash, hash, StringComparison.Ordinal))
        {
            throw new JsonException(
                $"Feature schema '{name}' declares hash {hash} but its name and features hash to {schema.Hash}; the package was edited or corrupted.");
        }

        return schema;
    }

    public override void Write(Utf8JsonWriter writer, FeatureSchema value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("name", value.Name);
        writer.WriteStartArray("features");
        foreach (var feature in value.Features)
        {
            writer.WriteStringValue(feature);
        }

        writer.WriteEndArray();
        writer.WriteString("hash", value.Hash);
        writer.WriteEndObject();
    }

    private static List<string> ReadFeatures(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("The feature schema's features must be an array of names.");
        }

        var features = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            features.Add(reader.GetString() ?? throw new JsonException("A feature name is null."));
        }

        return features;
    }
}
