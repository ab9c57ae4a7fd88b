using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FraudActors.Gateway.Tests.Telemetry;

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4, written from the format's description (not from the
/// exporter), so the tests check the exporter against the format: every line is a HELP/TYPE comment or a sample
/// <c>name{labels} value</c>, labels use only the three escapes, each family is declared once before its samples,
/// and histograms have cumulative buckets ending in +Inf equal to _count.
/// </summary>
public static partial class ExpositionParser
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public sealed record Exposition(IReadOnlyList<Sample> Samples, IReadOnlyDictionary<string, string> Types)
    {
        public IEnumerable<Sample> Named(string name) => Samples.Where(sample => sample.Name == name);
    }

    public static Exposition Parse(string text)
    {
        text.Should().EndWith("\n", "the last line ends with a line feed");
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var seenSamples = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text[..^1].Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var name = line[7..].Split(' ')[0];
                MetricName().IsMatch(name).Should().BeTrue($"'{name}' is a valid metric name");
                helps.Add(name).Should().BeTrue($"HELP of {name} appears once");
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ');
                parts.Should().HaveCount(2, line);
                parts[1].Should().BeOneOf("counter", "gauge", "histogram", "summary", "untyped");
                types.TryAdd(parts[0], parts[1]).Should().BeTrue($"TYPE of {parts[0]} appears once");
                seenSamples.Should().NotContain(parts[0], "TYPE comes before the family's samples");
                continue;
            }

            line.Should().NotStartWith("#", "the only comments are HELP and TYPE");
            var sample = ParseSample(line);
            samples.Add(sample);
            seenSamples.Add(Family(sample.Name, types));
        }

        foreach (var sample in samples)
        {
            types.Should().ContainKey(Family(sample.Name, types), $"{sample.Name} belongs to a declared family");
        }

        CheckHistograms(samples, types);
        return new Exposition(samples, types);
    }

    private static Sample ParseSample(string line)
    {
        var match = SampleLine().Match(line);
        match.Success.Should().BeTrue($"'{line}' is 'name{{labels}} value'");
        var labels = match.Groups[2].Success ? ParseLabels(match.Groups[2].Value, line) : new Dictionary<string, string>();
        var text = match.Groups[3].Value;
        var value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(match.Groups[1].Value, labels, value);
    }

    private static Dictionary<string, string> ParseLabels(string body, string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < body.Length)
        {
            var equals = body.IndexOf('=', i);
            equals.Should().BePositive(line);
            var name = body[i..equals];
            LabelName().IsMatch(name).Should().BeTrue($"'{name}' is a valid label name in {line}");
            body[equals + 1].Should().Be('"', line);
            var value = new StringBuilder();
            var j = equals + 2;
            for (; body[j] != '"'; j++)
            {
                if (body[j] == '\\')
                {
                    j++;
                    value.Append(body[j] switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        var other => throw new FormatException($"invalid escape \\{other} in {line}"),
                    });
                }
                else
                {
                    body[j].Should().NotBe('\n');
                    value.Append(body[j]);
                }
            }

            labels.TryAdd(name, value.ToString()).Should().BeTrue($"label {name} appears once in {line}");
            i = j + 1;
            if (i < body.Length)
            {
                body[i].Should().Be(',', line);
                i++;
            }
        }

        return labels;
    }

    private static string Family(string sampleName, Dictionary<string, string> types)
    {
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && types.GetValueOrDefault(sampleName[..^suffix.Length]) == "histogram")
            {
                return sampleName[..^suffix.Length];
            }
        }

        return sampleName;
    }

    private static void CheckHistograms(List<Sample> samples, Dictionary<string, string> types)
    {
        foreach (var (family, _) in types.Where(pair => pair.Value == "histogram"))
        {
            var bySeries = samples.Where(s => s.Name == family + "_bucket").GroupBy(s => Key(s.Labels, except: "le"));
            foreach (var series in bySeries)
            {
                var buckets = series.ToList();
                buckets[^1].Labels["le"].Should().Be("+Inf", "the last bucket is +Inf");
                var bounds = buckets.Select(b => b.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(b.Labels["le"], CultureInfo.InvariantCulture)).ToList();
                bounds.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
                buckets.Select(b => b.Value).Should().BeInAscendingOrder("buckets are cumulative");
                var count = samples.Single(s => s.Name == family + "_count" && Key(s.Labels, null) == series.Key);
                count.Value.Should().Be(buckets[^1].Value, "+Inf equals _count");
                samples.Should().ContainSingle(s => s.Name == family + "_sum" && Key(s.Labels, null) == series.Key);
            }
        }
    }

    private static string Key(IReadOnlyDictionary<string, string> labels, string? except) =>
        string.Join(",", labels.Where(l => l.Key != except).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    [GeneratedRegex("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$")]
    private static partial Regex SampleLine();
}
