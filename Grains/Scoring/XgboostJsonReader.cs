using System.Globalization;
using System.Text.Json;

namespace FraudActors.Grains.Scoring;

/// <summary>
/// Reads XGBoost 1.7's JSON model format (<c>learner.gradient_booster</c>, <c>learner.learner_model_param</c>,
/// <c>learner.objective</c>). Supports gbtree (with random-forest layers) and gblinear, one output group,
/// numerical splits; anything else is refused with a message rather than scored wrongly.
/// </summary>
internal static class XgboostJsonReader
{
    public static GradientBoostedModel Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
            using var document = JsonDocument.ParseValue(ref reader);
            return Read(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Not an XGBoost JSON model: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Malformed XGBoost JSON model: {exception.Message}", exception);
        }
    }

    private static GradientBoostedModel Read(JsonElement root)
    {
        var learner = Required(root, "learner");
        var parameters = Required(learner, "learner_model_param");
        var featureCount = ParseInt(Required(parameters, "num_feature"));
        var classes = parameters.TryGetProperty("num_class", out var numClass) ? ParseInt(numClass) : 0;
        var targets = parameters.TryGetProperty("num_target", out var numTarget) ? ParseInt(numTarget) : 1;
        if (classes > 1 || targets > 1)
        {
            throw new NotSupportedException($"Only single-output models are supported (num_class={classes}, num_target={targets}).");
        }

        if (featureCount <= 0)
        {
            throw new InvalidDataException($"num_feature must be positive, got {featureCount}.");
        }

        var baseScore = ParseFloat(Required(parameters, "base_score"));
        var objective = Required(Required(learner, "objective"), "name").GetString() ?? string.Empty;
        var transform = TransformOf(objective);

        var booster = Required(learner, "gradient_booster");
        var kind = Required(booster, "name").GetString();
        switch (kind)
        {
            case "gbtree":
                return GradientBoostedModel.CreateTrees(objective, transform, featureCount, baseScore, ReadTrees(Required(booster, "model")));
            case "gblinear":
                var weights = ReadFloats(Required(Required(booster, "model"), "weights"));
                if (weights.Length != featureCount + 1)
                {
                    throw new InvalidDataException($"gblinear model has {weights.Length} weights; expected {featureCount} features + bias.");
                }

                return GradientBoostedModel.CreateLinear(objective, transform, featureCount, baseScore, weights[..featureCount], weights[featureCount]);
            default:
                throw new NotSupportedException($"Booster '{kind}' is not supported (gbtree and gblinear are).");
        }
    }

    /// <summary>Objectives whose margin XGBoost maps through a sigmoid, or leaves as it is.</summary>
    internal static OutputTransform TransformOf(string objective) => objective switch
    {
        "binary:logistic" or "reg:logistic" => OutputTransform.Sigmoid,
        "binary:logitraw" or "reg:squarederror" or "reg:linear" or "reg:pseudohubererror" or "reg:absoluteerror" => OutputTransform.Identity,
        _ => throw new NotSupportedException($"Objective '{objective}' is not supported by the managed evaluator."),
    };

    private static List<XgboostTree> ReadTrees(JsonElement model)
    {
        var trees = new List<XgboostTree>();
        if (model.TryGetProperty("tree_info", out var treeInfo))
        {
            foreach (var group in treeInfo.EnumerateArray())
            {
                if (group.GetInt32() != 0)
                {
                    throw new NotSupportedException("Only single-output tree models are supported.");
                }
            }
        }

        var index = 0;
        foreach (var tree in Required(model, "trees").EnumerateArray())
        {
            if (tree.TryGetProperty("split_type", out var splitTypes))
            {
                foreach (var type in splitTypes.EnumerateArray())
                {
                    if (type.GetInt32() != 0)
                    {
                        throw new NotSupportedException($"Tree {index} has categorical splits, which the managed evaluator does not support.");
                    }
                }
            }

            trees.Add(new XgboostTree(
                ReadInts(Required(tree, "left_children")),
                ReadInts(Required(tree, "right_children")),
                ReadInts(Required(tree, "split_indices")),
                ReadFloats(Required(tree, "split_conditions")),
                ReadBools(Required(tree, "default_left")),
                ReadFloats(Required(tree, "sum_hessian"))));
            index++;
        }

        return trees;
    }

    private static JsonElement Required(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value
            : throw new InvalidDataException($"XGBoost JSON model lacks '{name}'.");

    private static int[] ReadInts(JsonElement array)
    {
        var values = new int[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.GetInt32();
        }

        return values;
    }

    /// <summary>XGBoost writes the shortest text that round-trips a float32; GetSingle parses it to the same float.</summary>
    private static float[] ReadFloats(JsonElement array)
    {
        var values = new float[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.GetSingle();
        }

        return values;
    }

    /// <summary>1.7 writes default_left as 0/1 numbers; older versions wrote booleans.</summary>
    private static bool[] ReadBools(JsonElement array)
    {
        var values = new bool[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            values[i++] = item.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => item.GetInt32() != 0,
            };
        }

        return values;
    }

    /// <summary>learner_model_param stores numbers as strings ("5E-1").</summary>
    private static float ParseFloat(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? float.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : value.GetSingle();

    private static int ParseInt(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
        : value.GetInt32();
}
