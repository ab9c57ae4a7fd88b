using System.Globalization;
using System.Text;

namespace FraudActors.Gateway.Telemetry;

/// <summary>
/// The Prometheus text exposition format 0.0.4: names, label escaping and the lines of each metric family. Names
/// follow OpenTelemetry's Prometheus compatibility rules: invalid characters become '_', a unit suffix is added
/// (<c>ms</c> → <c>_milliseconds</c>), counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (UnitSuffix(unit) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = name + "_" + suffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    public static string LabelName(string key)
    {
        var name = Sanitize(key, allowColon: false);

        // Names beginning with "__" are reserved for Prometheus itself.
        return name.StartsWith("__", StringComparison.Ordinal) ? "_" + name.TrimStart('_') : name;
    }

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Writes the families in name order. Instruments that map to the same name and type are one family; series
    /// with equal labels are added together (a process holding several hosts, as tests do, has one instrument per host).
    /// </summary>
    public static void Write(StringBuilder output, IEnumerable<(InstrumentAggregate Aggregate, List<MetricSeries> Series)> collected)
    {
        var families = new SortedDictionary<string, Family>(StringComparer.Ordinal);
        foreach (var (aggregate, series) in collected)
        {
            if (!families.TryGetValue(aggregate.Name, out var family))
            {
                family = new Family(aggregate);
                families.Add(aggregate.Name, family);
            }
            else if (family.Type != TypeOf(aggregate.Kind) || (aggregate.Kind == InstrumentKind.Histogram && !family.Bounds.AsSpan().SequenceEqual(aggregate.Bounds)))
            {
                continue; // the first instrument of a name keeps it; an incompatible one would make the family invalid
            }

            foreach (var one in series)
            {
                family.Add(Labels(one.Tags), one);
            }
        }

        foreach (var (name, family) in families)
        {
            if (family.Series.Count == 0)
            {
                continue;
            }

            output.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            output.Append("# TYPE ").Append(name).Append(' ').Append(family.Type).Append('\n');
            foreach (var (labels, series) in family.Series)
            {
                if (family.Type == "histogram")
                {
                    WriteHistogram(output, name, labels, family.Bounds, series);
                }
                else
                {
                    Sample(output, name, labels, null, series.Value);
                }
            }
        }
    }

    private static void WriteHistogram(StringBuilder output, string name, string labels, double[] bounds, MetricSeries series)
    {
        long cumulative = 0;
        for (var i = 0; i < bounds.Length; i++)
        {
            cumulative += series.Buckets[i];
            Sample(output, name + "_bucket", labels, FormatValue(bounds[i]), cumulative);
        }

        Sample(output, name + "_bucket", labels, "+Inf", series.Count);
        Sample(output, name + "_sum", labels, null, series.Value);
        Sample(output, name + "_count", labels, null, series.Count);
    }

    private static void Sample(StringBuilder output, string name, string labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{').Append(labels);
            if (le is not null)
            {
                output.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    /// <summary>The label part without braces, sorted by name, so equal label sets give equal strings.</summary>
    private static string Labels(KeyValuePair<string, object?>[] tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            var name = LabelName(tag.Key);
            if (name == "le" || pairs.Exists(pair => pair.Name == name))
            {
                continue; // "le" belongs to histogram buckets; a second tag sanitised to the same name would duplicate a label
            }

            pairs.Add((name, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty));
        }

        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var text = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            text.Append(text.Length == 0 ? string.Empty : ",").Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        return text.ToString();
    }

    private static string Sanitize(string text, bool allowColon)
    {
        if (text.Length == 0)
        {
            return "_";
        }

        var builder = new StringBuilder(text.Length + 1);
        if (char.IsAsciiDigit(text[0]))
        {
            builder.Append('_');
        }

        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return builder.ToString();
    }

    private static string? UnitSuffix(string? unit) => unit switch
    {
        "ms" => "milliseconds",
        "s" => "seconds",
        "us" => "microseconds",
        "By" => "bytes",
        _ => null, // "{record}"-style annotations and "1" carry no suffix
    };

    private static string TypeOf(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Sum or InstrumentKind.ObservedTotal => "counter",
        InstrumentKind.Histogram => "histogram",
        _ => "gauge",
    };

    private sealed class Family(InstrumentAggregate first)
    {
        public string Type { get; } = TypeOf(first.Kind);

        public double[] Bounds { get; } = first.Bounds;

        public string Help { get; } = string.IsNullOrEmpty(first.Instrument.Description) ? first.Instrument.Name : first.Instrument.Description;

        public SortedDictionary<string, MetricSeries> Series { get; } = new(StringComparer.Ordinal);

        public void Add(string labels, MetricSeries series)
        {
            if (!Series.TryGetValue(labels, out var existing))
            {
                Series.Add(labels, series);
                return;
            }

            existing.Value += series.Value;
            existing.Count += series.Count;
            for (var i = 0; i < existing.Buckets.Length; i++)
            {
                existing.Buckets[i] += series.Buckets[i];
            }
        }
    }
}
