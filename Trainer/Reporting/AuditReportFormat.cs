using System.Globalization;
using System.Text;
using System.Text.Json;
using FraudActors.Silo.Audit;

namespace FraudActors.Trainer.Reporting;

/// <summary>The monitoring report as a text table for people and as JSON for scripts.</summary>
internal static class AuditReportFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Json(AuditReport report) => JsonSerializer.Serialize(report, Indented);

    public static string Text(AuditReport report)
    {
        var text = new StringBuilder();
        var hours = (report.To - report.From).TotalHours;
        text.AppendLine(Invariant($"decisions from {report.From:yyyy-MM-dd HH:mm} to {report.To:yyyy-MM-dd HH:mm} UTC (last {hours:0.##} h)"));
        if (report.Volume == 0)
        {
            text.Append("no decisions in this window; is the silo running with the audit log switched on?");
            return text.ToString();
        }

        text.AppendLine(Invariant($"  {"volume",-18}{report.Volume,12:N0}"));
        Kind(text, "approve", report.Approved, report.Volume);
        Kind(text, "review", report.Reviewed, report.Volume);
        Kind(text, "decline", report.Declined, report.Volume);
        text.AppendLine(Invariant($"  {"alert rate",-18}{"",12}  {report.AlertRate,8:P2}   (review + decline)"));
        text.AppendLine(Invariant($"  {"mean probability",-18}{report.MeanProbability,12:F4}"));
        text.AppendLine(Invariant($"  {"latency p50",-18}{report.LatencyP50Microseconds,12:N0} µs"));
        text.AppendLine(Invariant($"  {"latency p99",-18}{report.LatencyP99Microseconds,12:N0} µs"));
        text.AppendLine("model versions");
        foreach (var model in report.Models)
        {
            text.AppendLine(Invariant($"  {model.ModelName + " v" + model.ModelVersion,-18}{model.Decisions,12:N0}  {model.Share,8:P2}"));
        }

        var labels = report.Labels;
        text.AppendLine("labels");
        if (labels.Labelled == 0)
        {
            text.Append("  none have arrived for these decisions yet; precision and recall need labels.");
            return text.ToString();
        }

        text.AppendLine(Invariant($"  {"labelled",-18}{labels.Labelled,12:N0}  {(double)labels.Labelled / report.Volume,8:P2}   of the decisions"));
        text.AppendLine(Invariant($"  {"fraud rate",-18}{labels.Frauds,12:N0}  {labels.FraudRate,8:P2}   of the labelled"));
        text.AppendLine(Invariant($"  {"precision",-18}{Ratio(labels.Precision),12}  {"",8}   alerts that were fraud ({labels.TruePositives:N0} of {labels.TruePositives + labels.FalsePositives:N0})"));
        text.Append(Invariant($"  {"recall",-18}{Ratio(labels.Recall),12}  {"",8}   frauds that raised an alert ({labels.TruePositives:N0} of {labels.Frauds:N0})"));
        return text.ToString();
    }

    private static void Kind(StringBuilder text, string name, long count, long volume) =>
        text.AppendLine(Invariant($"  {name,-18}{count,12:N0}  {(double)count / volume,8:P2}"));

    private static string Ratio(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
