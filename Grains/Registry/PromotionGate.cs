using System.Globalization;
using FraudActors.Grains.Abstractions.Models;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Scoring;

namespace FraudActors.Grains.Registry;

/// <summary>
/// Decides whether a version may take an alias. For the champion every check blocks: the package loads, its
/// predictions on the <see cref="SanitySample"/> are finite and within [0, 1], its schema is one the silos
/// produce, its held-out average precision reaches the floor, and it is not worse than the current champion by
/// more than the tolerance. For the challenger (which decides nothing) only the first three block; the metric
/// checks are still shown. Used by the registry grain and by <c>trainer promote</c>, so both judge alike.
/// </summary>
internal sealed class PromotionGate
{
    public const string TestAveragePrecision = "test.average_precision";
    public const string ValidAveragePrecision = "valid.average_precision";

    private readonly PromotionGateOptions _options;

    public PromotionGate(PromotionGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public PromotionGateOptions Options => _options;

    /// <summary>Judges <paramref name="candidate"/> for <paramref name="alias"/> against <paramref name="champion"/> (null: none).</summary>
    public PromotionGateResult Evaluate(ModelPackage candidate, ModelPackage? champion, string alias)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var forChampion = alias == ModelAliases.Champion;
        if (champion is not null && champion.Version == candidate.Version && champion.ModelName == candidate.ModelName)
        {
            champion = null;
        }

        var checks = new List<GateCheck>(5);
        LoadedModel? loaded = null;
        try
        {
            loaded = LoadedModel.From(candidate);
            checks.Add(new GateCheck(GateChecks.Loads, true, true, null, null, null, null,
                $"{loaded.Evaluator.Kind} booster, {loaded.Evaluator.TreeCount} trees, {loaded.Evaluator.FeatureCount} features"));
        }
        catch (Exception exception)
        {
            // Whatever the reason (bad JSON, unsupported objective, width mismatch), the verdict is the same: it cannot serve.
            checks.Add(new GateCheck(GateChecks.Loads, false, true, null, null, null, null, OneLine(exception.Message)));
        }

        checks.Add(loaded is null
            ? new GateCheck(GateChecks.FiniteProbabilities, false, true, null, 0, null, null, "not checked: the package does not load")
            : Predictions(candidate, loaded));
        checks.Add(Schema(candidate));

        var averagePrecision = AveragePrecisionOf(candidate);
        checks.Add(averagePrecision is { } ap
            ? new GateCheck(GateChecks.AveragePrecisionFloor, ap >= _options.MinAveragePrecision, forChampion, ap, _options.MinAveragePrecision, null, null,
                Format($"held-out average precision {ap:F4} {(ap >= _options.MinAveragePrecision ? "≥" : "<")} floor {_options.MinAveragePrecision:F4}"))
            : new GateCheck(GateChecks.AveragePrecisionFloor, false, forChampion, null, _options.MinAveragePrecision, null, null,
                $"the package has no {TestAveragePrecision} or {ValidAveragePrecision} metric"));
        checks.Add(VersusChampion(averagePrecision, champion, forChampion));
        return new PromotionGateResult(candidate.ModelName, candidate.Version, alias, champion?.Version, checks);
    }

    /// <summary>The package's held-out average precision: the test period's, else the validation period's; null when neither is a number.</summary>
    public static double? AveragePrecisionOf(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        foreach (var name in (ReadOnlySpan<string>)[TestAveragePrecision, ValidAveragePrecision])
        {
            if (package.Metrics.TryGetValue(name, out var value) && double.IsFinite(value))
            {
                return value;
            }
        }

        return null;
    }

    private GateCheck Predictions(ModelPackage candidate, LoadedModel loaded)
    {
        var width = candidate.Schema.Count;
        var sample = SanitySample.Build(candidate, _options.SampleRows, _options.SampleSeed);
        var rows = sample.Length / width;
        var bad = 0;
        var firstBad = -1;
        var firstValue = 0f;
        for (var row = 0; row < rows; row++)
        {
            var probability = loaded.Evaluator.PredictProbability(sample.AsSpan(row * width, width));
            if (!(probability is >= 0f and <= 1f))
            {
                if (bad++ == 0)
                {
                    firstBad = row;
                    firstValue = probability;
                }
            }
        }

        var extremes = SanitySample.ExtremeValues.Count;
        return bad == 0
            ? new GateCheck(GateChecks.FiniteProbabilities, true, true, 0, 0, null, null,
                Format($"{rows} predictions ({rows - extremes} drawn from the reference histograms, {extremes} extreme rows) all finite within [0, 1]"))
            : new GateCheck(GateChecks.FiniteProbabilities, false, true, bad, 0, null, null,
                Format($"{bad} of {rows} predictions not finite or outside [0, 1] (first: {(firstBad >= rows - extremes ? "extreme " : string.Empty)}row {firstBad} → {firstValue})"));
    }

    private static GateCheck Schema(ModelPackage candidate)
    {
        var schema = candidate.Schema;
        var known = KnownSchemas.Find(schema.Name);
        if (known is null)
        {
            return new GateCheck(GateChecks.Schema, false, true, null, null, null, null,
                $"no silo produces the schema '{schema.Name}' (known: {string.Join(", ", KnownSchemas.All.Select(s => s.Name))})");
        }

        if (known.Hash != schema.Hash)
        {
            return new GateCheck(GateChecks.Schema, false, true, null, null, null, null,
                $"schema '{schema.Name}' hash {schema.Hash} differs from the silos' {known.Hash} (other features or order)");
        }

        if (KnownSchemas.ExpectedFor(candidate.ModelName) is { } expected && expected.Hash != schema.Hash)
        {
            return new GateCheck(GateChecks.Schema, false, true, null, null, null, null,
                $"model '{candidate.ModelName}' is served with schema '{expected.Name}' ({expected.Hash}), not '{schema.Name}' ({schema.Hash})");
        }

        return new GateCheck(GateChecks.Schema, true, true, null, null, null, null, $"'{schema.Name}' {schema.Hash}, {schema.Count} features, as the silos produce");
    }

    private GateCheck VersusChampion(double? candidate, ModelPackage? champion, bool blocking)
    {
        if (champion is null)
        {
            return new GateCheck(GateChecks.NotWorseThanChampion, true, blocking, candidate, null, null, null, "no other champion to compare with");
        }

        if (AveragePrecisionOf(champion) is not { } current)
        {
            return new GateCheck(GateChecks.NotWorseThanChampion, true, blocking, candidate, null, null, null,
                $"champion v{champion.Version} has no average precision to compare with");
        }

        var limit = current - _options.MaxAveragePrecisionDrop;
        if (candidate is not { } ap)
        {
            return new GateCheck(GateChecks.NotWorseThanChampion, false, blocking, null, limit, current, null,
                $"no average precision to compare with champion v{champion.Version}'s {current:F4}");
        }

        var delta = ap - current;
        var passed = delta >= -_options.MaxAveragePrecisionDrop;
        return new GateCheck(GateChecks.NotWorseThanChampion, passed, blocking, ap, limit, current, delta,
            Format($"{ap:F4} vs champion v{champion.Version} {current:F4} (Δ {delta:+0.0000;-0.0000;0.0000}, tolerance {_options.MaxAveragePrecisionDrop:F4})"));
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
