using System.Globalization;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Runtime;
using FraudActors.Silo.Telemetry;
using Microsoft.Extensions.Options;

namespace FraudActors.Gateway.Demo;

/// <summary>Prints one live line every few seconds: throughput, grains, memory, latency, decisions and live precision/recall.</summary>
internal sealed class ConsoleReporter(
    IngestionMetrics ingestion,
    GrainRuntime runtime,
    TurnLatencyTap turns,
    DecisionTally tally,
    ChampionModels models,
    IOptions<DemoOptions> options,
    TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.ReportSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        var previousCount = ingestion.ProcessedTotal;
        var previousE2e = ingestion.EndToEnd.Snapshot();
        var previousTurns = turns.All.Snapshot();
        var previousAt = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var count = ingestion.ProcessedTotal;
                var e2e = ingestion.EndToEnd.Snapshot();
                var turnCounts = turns.All.Snapshot();
                var elapsed = time.GetElapsedTime(previousAt).TotalSeconds;
                Console.WriteLine(Line(time.GetUtcNow(), (count - previousCount) / Math.Max(elapsed, 1e-9), previousE2e, e2e, previousTurns, turnCounts));
                previousCount = count;
                previousE2e = e2e;
                previousTurns = turnCounts;
                previousAt = time.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private string Line(DateTimeOffset now, double rate, long[] e2eBefore, long[] e2eAfter, long[] turnsBefore, long[] turnsAfter)
    {
        var stats = runtime.GetStatistics();
        var counts = tally.Snapshot();
        var culture = CultureInfo.InvariantCulture;
        var model = models.Get(ScoringGrain.CardBehaviourModel);
        var decisions = model is null
            ? string.Create(culture, $"no model yet: {counts.Unscored:N0} unscored, {counts.Suspicious:N0} look suspicious by rule")
            : string.Create(culture, $"{model.Name} v{model.Version}: approve {counts.Approved:N0} review {counts.Reviewed:N0} decline {counts.Declined:N0} | alerts precision {Ratio(counts.Precision)} recall {Ratio(counts.Recall)} ({counts.Frauds:N0} frauds)");
        return string.Create(
            culture,
            $"[{now:HH:mm:ss}] {rate,8:N0} tx/s | grains {stats.LiveActivations:N0} | mem {GC.GetTotalMemory(false) / (1024 * 1024):N0} MB | turn p99 {Millis(LatencyHistogram.Quantile(turnsBefore, turnsAfter, 0.99))} | end-to-end p50 {Millis(LatencyHistogram.Quantile(e2eBefore, e2eAfter, 0.5))} p99 {Millis(LatencyHistogram.Quantile(e2eBefore, e2eAfter, 0.99))} | {decisions}");
    }

    private static string Millis(TimeSpan? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.TotalMilliseconds:0.###} ms") : "-";

    private static string Ratio(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);
}
