using System.Text.Json.Serialization;
using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Silo.Storage.Serialization;

// Strict on read: a missing constructor argument or a null where the contract says non-null is an error,
// not a package with holes that fails later while scoring.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(FeatureSchemaJsonConverter)])]
[JsonSerializable(typeof(ModelPackage))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class ModelPackageJsonContext : JsonSerializerContext;
