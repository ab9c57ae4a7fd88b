using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Trainer.Evaluation;

namespace FraudActors.Trainer.Training;

/// <summary>The training report as a readable table or as JSON.</summary>
internal static class TrainingReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Text(TrainingOutcome outcome, string packagePath)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"periods: {outcome.Periods}");
        text.AppendLine("candidates (validation; the winner has the highest average precision):");
        text.AppendLine("  candidate             rounds  avg-precision  roc-auc  seconds");
        foreach (var candidate in outcome.Candidates)
        {
            text.AppendLine(Invariant, $"  {candidate.Name,-20}  {candidate.Rounds,6}  {candidate.ValidationAveragePrecision,13:F4}  {candidate.ValidationRocAuc,7:F4}  {candidate.Seconds,7:F1}");
        }

        var package = outcome.Package;
        text.AppendLine(Invariant, $"winner: {package.Algorithm}; thresholds review {package.Thresholds.Review:F4}, decline {package.Thresholds.Decline:F4} (chosen on validation)");
        text.AppendLine(Header());
        text.AppendLine(Row(outcome.Validation));
        text.AppendLine(Row(outcome.Test));
        foreach (var ablation in outcome.Ablations)
        {
            text.AppendLine(Row(ablation.Test));
        }

        var t = outcome.Timings;
        text.AppendLine(Invariant, $"time: features {t.Features:F1} s, candidates {t.Candidates:F1} s, refit {t.Refit:F1} s, evaluation {t.Evaluation:F1} s, total {t.Total:F1} s");
        text.Append(Invariant, $"package: {package.ModelName} ({package.Schema.Name}, schema {package.Schema.Hash}) -> {packagePath}");
        return text.ToString();
    }

    public static string Header() =>
        "  period                    rows     frauds   cards  compromised  roc-auc  avg-prec  card-p@k  precision  recall     f1";

    public static string Row(EvaluationReport report) =>
        string.Create(Invariant, $"  {report.Period,-24} {report.Rows,8:N0} {report.Frauds,7:N0} {report.Cards,7:N0} {report.CompromisedCards,12:N0}  {report.RocAuc,7:F4}  {report.AveragePrecision,8:F4}  {report.CardPrecision.Mean,8:F4}  {report.AtThreshold.Precision,9:F4}  {report.AtThreshold.Recall,6:F4}  {report.AtThreshold.F1,6:F4}");

    public static string Json(TrainingOutcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", outcome.Package.ModelName);
            json.WriteString("algorithm", outcome.Package.Algorithm);
            json.WriteString("schemaHash", outcome.Package.Schema.Hash);
            json.WriteString("periods", outcome.Periods.ToString());
            json.WriteNumber("reviewThreshold", outcome.Package.Thresholds.Review);
            json.WriteNumber("declineThreshold", outcome.Package.Thresholds.Decline);
            json.WriteStartArray("candidates");
            foreach (var candidate in outcome.Candidates)
            {
                json.WriteStartObject();
                json.WriteString("name", candidate.Name);
                json.WriteNumber("rounds", candidate.Rounds);
                json.WriteNumber("validAveragePrecision", candidate.ValidationAveragePrecision);
                json.WriteNumber("validRocAuc", candidate.ValidationRocAuc);
                json.WriteNumber("seconds", candidate.Seconds);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteReport(json, "validation", outcome.Validation);
            WriteReport(json, "test", outcome.Test);
            json.WriteStartArray("ablations");
            foreach (var ablation in outcome.Ablations)
            {
                WriteReport(json, null, ablation.Test);
            }

            json.WriteEndArray();
            json.WriteStartObject("seconds");
            json.WriteNumber("features", outcome.Timings.Features);
            json.WriteNumber("candidates", outcome.Timings.Candidates);
            json.WriteNumber("refit", outcome.Timings.Refit);
            json.WriteNumber("evaluation", outcome.Timings.Evaluation);
            json.WriteNumber("total", outcome.Timings.Total);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteReport(Utf8JsonWriter json, string? property, EvaluationReport report)
    {
        if (property is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(property);
        }

        json.WriteString("period", report.Period);
        json.WriteNumber("rows", report.Rows);
        json.WriteNumber("frauds", report.Frauds);
        json.WriteNumber("cards", report.Cards);
        json.WriteNumber("compromisedCards", report.CompromisedCards);
        WriteNumber(json, "rocAuc", report.RocAuc);
        WriteNumber(json, "averagePrecision", report.AveragePrecision);
        json.WriteNumber("k", report.CardPrecision.K);
        WriteNumber(json, "cardPrecisionAtK", report.CardPrecision.Mean);
        json.WriteNumber("threshold", report.Threshold);
        json.WriteNumber("precision", report.AtThreshold.Precision);
        json.WriteNumber("recall", report.AtThreshold.Recall);
        json.WriteNumber("f1", report.AtThreshold.F1);
        json.WriteStartObject("confusion");
        json.WriteNumber("tp", report.AtThreshold.TruePositives);
        json.WriteNumber("fp", report.AtThreshold.FalsePositives);
        json.WriteNumber("tn", report.AtThreshold.TrueNegatives);
        json.WriteNumber("fn", report.AtThreshold.FalseNegatives);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
