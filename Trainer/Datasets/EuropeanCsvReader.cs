using System.Globalization;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Trainer.Training;

namespace FraudActors.Trainer.Datasets;

/// <summary>
/// Reads the anonymised European card data set's form, <c>Time,V1,…,V28,Amount[,Class]</c> (Time in seconds
/// from the first transaction). The columns are the model's features; there is no card history. Rows become a
/// <see cref="FeatureTable"/> dated from <see cref="Epoch"/> (the set covers two days of September 2013), each
/// row its own pseudo card, so card precision@k reads as transaction precision@k.
/// </summary>
internal static class EuropeanCsvReader
{
    public static readonly DateTimeOffset Epoch = new(2013, 9, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsEuropeanHeader(string header) =>
        header.Replace("\"", "", StringComparison.Ordinal).StartsWith("Time,V1,V2,", StringComparison.Ordinal);

    /// <param name="path">The CSV file.</param>
    /// <param name="skipBad">Count and skip bad rows instead of stopping at the first.</param>
    /// <param name="skipped">Bad rows skipped, with the first reasons.</param>
    public static FeatureTable Read(string path, bool skipBad, out ImportProblems skipped)
    {
        var schema = FeatureSchema.EuropeanColumns;
        skipped = new ImportProblems();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: the file is empty; expected the header Time,V1,...,V28,Amount,Class.");
        var names = header.Replace("\"", "", StringComparison.Ordinal).Split(',');
        if (names.Length < schema.Count || !names.AsSpan(0, schema.Count).SequenceEqual(schema.Features.ToArray()))
        {
            throw new InvalidDataException($"{path}: line 1: expected the header Time,V1,...,V28,Amount[,Class].");
        }

        var labelled = names.Length > schema.Count && names[schema.Count] == "Class";
        var table = new FeatureTable(schema, 4096);
        var line = 1;
        var values = new float[schema.Count];
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            if (!TryParse(text, labelled, values, out var isFraud, out var error))
            {
                if (!skipBad)
                {
                    throw new InvalidDataException($"{path}: line {line}: {error} (use --skip-bad to count and skip bad rows).");
                }

                skipped.Add(line, error);
                continue;
            }

            var time = Epoch.AddSeconds(values[0]);
            values.CopyTo(table.AddRow(isFraud, time, table.AddCard($"row-{line}")));
        }

        return table;
    }

    private static bool TryParse(string text, bool labelled, float[] values, out bool isFraud, out string error)
    {
        isFraud = false;
        error = "";
        var fields = text.Replace("\"", "", StringComparison.Ordinal).Split(',');
        var expected = values.Length + (labelled ? 1 : 0);
        if (fields.Length != expected)
        {
            error = $"expected {expected} fields, found {fields.Length}";
            return false;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
            {
                error = $"column '{FeatureSchema.EuropeanColumns.Features[i]}' must be a finite number, got '{fields[i]}'";
                return false;
            }
        }

        if (values[0] < 0)
        {
            error = "column 'Time' must be ≥ 0 seconds";
            return false;
        }

        if (labelled)
        {
            var label = fields[^1].Trim();
            if (label is not ("0" or "1"))
            {
                error = $"column 'Class' must be 0 or 1, got '{label}'";
                return false;
            }

            isFraud = label == "1";
        }

        return true;
    }
}
