using System.Text.Json;

namespace FraudActors.Gateway.Api;

/// <summary>Reads one row of a plain-columns model: an object with exactly the schema's columns, or <c>{"features": [..]}</c> in schema order.</summary>
internal static class PlainColumnsRow
{
    public static float[]? Read(JsonElement root, IReadOnlyList<string> columns, Dictionary<string, string[]> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["must be a JSON object of named columns or {\"features\": [..]}."];
            return null;
        }

        var input = new float[columns.Count];
        if (root.TryGetProperty("features", out var array) && !Contains(columns, "features"))
        {
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name != "features")
                {
                    errors[Shorten(property.Name)] = ["is not a known field (send either named columns or features)."];
                }
            }

            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != columns.Count)
            {
                errors["features"] = [$"must be an array of {columns.Count} numbers in the order {string.Join(",", columns)}."];
                return null;
            }

            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (!TryNumber(item, out input[i]))
                {
                    errors[$"features[{i}]"] = ["must be a finite number."];
                }

                i++;
            }

            return errors.Count == 0 ? input : null;
        }

        var seen = new bool[columns.Count];
        foreach (var property in root.EnumerateObject())
        {
            var index = IndexOf(columns, property.Name);
            if (index < 0)
            {
                errors[Shorten(property.Name)] = ["is not a column of this model."];
            }
            else if (seen[index])
            {
                errors[property.Name] = ["is given more than once."];
            }
            else if (!TryNumber(property.Value, out input[index]))
            {
                seen[index] = true;
                errors[property.Name] = ["must be a finite number."];
            }
            else
            {
                seen[index] = true;
            }
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (!seen[c])
            {
                errors[columns[c]] = ["is required."];
            }
        }

        return errors.Count == 0 ? input : null;
    }

    private static bool TryNumber(JsonElement element, out float value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number))
        {
            return false;
        }

        value = (float)number;
        return float.IsFinite(value);
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Contains(IReadOnlyList<string> columns, string name) => IndexOf(columns, name) >= 0;

    private static string Shorten(string name) => name.Length > 100 ? name[..100] : name;
}
