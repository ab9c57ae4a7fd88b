using System.Globalization;
using System.Runtime.InteropServices;
using FraudActors.Silo.Ingestion;
using FraudActors.Silo.Kafka;

namespace FraudActors.Benchmarks.Kafka;

/// <summary>
/// A bench command (not BenchmarkDotNet: it measures a running silo): end-to-end Kafka ingest on one machine, in one
/// process. librdkafka's mock cluster gets a backlog of simulated transactions (loaded in bulk: 100 ms linger) before
/// anything consumes; then (1) a bare Confluent consumer in a fresh group reads the whole topic doing nothing per
/// record — the client's ceiling, better of two reads; (2) a warm-up silo on topics of its own decides 200,000
/// transactions, so the process's JIT is in its optimised tier as in a silo that has been running (its cold rate is
/// printed too); (3) one silo built as production builds it (<c>AddKafkaSilo</c>, in-memory grain storage, a trained
/// champion, decisions produced to the decisions topic) decides the same backlog: the rate from its first decision to
/// its last, the CPU it costs per decision, and the append-to-decision latency (which, on a backlog, is mostly
/// queueing); (4) two paced phases, the
/// producer running at a quarter and at half that rate while the silo keeps up, where the latency is the pipeline's own.
/// Zero loss is checked: every transaction has exactly one decision (a tally sink by transaction position), the
/// decisions topic received exactly that many records, nothing failed, dropped or dead-lettered.
/// <c>dotnet run -c Release --project tests/Benchmarks -- ingest [transactions=1000000] [partitions=auto] [pacedSeconds=15]</c>
/// </summary>
internal static class IngestBenchmark
{
    private const int Cards = 20_000;
    private const int MinPartitions = 12;

    // The mock cluster keeps ~5 MiB per partition and silently drops older records: the backlog must fit with room.
    private const double RetainedBytesPerPartition = 4.0 * 1024 * 1024;

    // Key, schema-version header and record framing on top of the JSON value.
    private const int RecordOverheadBytes = 60;

    private const int BulkLingerMs = 100;

    private const int PacedLingerMs = 20;

    private static readonly double[] PacedShares = [0.25, 0.5];

    // Enough records for every hot method to reach its final, optimised JIT tier before the measured silo starts.
    private const int WarmUpTransactions = 200_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var transactions, out var requestedPartitions, out var pacedSeconds, out var usage))
        {
            Console.Error.WriteLine(usage);
            return 2;
        }

        var time = TimeProvider.System;
        Console.WriteLine($"generating {transactions:N0} simulated transactions over {Cards:N0} cards…");
        var traffic = new IngestTraffic(Cards, seed: 7);
        traffic.Extend(transactions);
        var needed = Math.Max(MinPartitions, (int)Math.Ceiling(transactions * (traffic.MeanValueBytes + RecordOverheadBytes) / RetainedBytesPerPartition));
        if (requestedPartitions is { } asked && asked < needed)
        {
            Console.Error.WriteLine($"error: {transactions:N0} transactions of ~{traffic.MeanValueBytes:F0} B need at least {needed} partitions (the mock cluster keeps ~5 MiB per partition); pass {needed} or more, or fewer transactions.");
            return 2;
        }

        var partitions = requestedPartitions ?? needed;
        Console.WriteLine("training a small boosted-trees champion…");
        var champion = IngestSilo.TrainChampion();

        using var cluster = new KafkaMockCluster();
        var options = new KafkaOptions { BootstrapServers = cluster.BootstrapServers };
        cluster.CreateTopics(options, partitions);

        // The backlog is loaded in bulk, as an upstream switch's batching producer would: larger batches cost the broker
        // less per record. The paced phases' producer lingers 20 ms: librdkafka's mock broker answers a fetch with one
        // batch per partition, so batches of one or two records (5 ms at these rates over 74 partitions) would cap
        // what any consumer can read from it. Append → decision includes that linger.
        using var producer = new KafkaTransactionProducer(options, lingerMs: PacedLingerMs);
        var produceStart = time.GetTimestamp();
        using (var bulk = new KafkaTransactionProducer(options, lingerMs: BulkLingerMs))
        {
            traffic.ProduceAll(bulk, 0, transactions);
        }

        var produceSeconds = time.GetElapsedTime(produceStart).TotalSeconds;
        var (low, high) = TopicWatermarks.Sum(cluster.BootstrapServers, options.TransactionsTopic, partitions);
        if (low != 0 || high != transactions)
        {
            Console.Error.WriteLine($"error: the transactions topic holds offsets {low:N0}..{high:N0}, not 0..{transactions:N0}: the mock cluster dropped records; use more partitions.");
            return 1;
        }

        Console.WriteLine(Invariant($"produced {transactions:N0} transactions (mean value {traffic.MeanValueBytes:F0} B) to {partitions} partitions in {produceSeconds:F1} s ({transactions / produceSeconds:N0}/s)"));

        var raw = Math.Max(
            transactions / RawConsumeRate.Measure(cluster.BootstrapServers, options.TransactionsTopic, transactions, time).TotalSeconds,
            transactions / RawConsumeRate.Measure(cluster.BootstrapServers, options.TransactionsTopic, transactions, time).TotalSeconds);
        Console.WriteLine(Invariant($"raw consume (Confluent consumer, fresh group, nothing per record, better of two reads): {raw:N0} records/s"));

        Console.WriteLine($"warm-up: a first silo decides {WarmUpTransactions:N0} transactions on topics of its own (the process's JIT reaches its optimised tier, as in a silo that has been running)…");
        var warmUp = await WarmUpAsync(cluster, champion, time);
        Console.WriteLine(Invariant($"         {warmUp:N0} tx/s while cold"));

        // The paced phases run at shares of the silo's rate, which cannot beat the raw ceiling: size the tally for that.
        var tally = new DecisionTally(transactions + (int)(raw * PacedShares.Sum() * pacedSeconds) + PacedShares.Length);
        await using var silo = new IngestSilo(new KafkaOptions { BootstrapServers = cluster.BootstrapServers, GroupId = "bench-silo" }, champion, tally);
        var progress = new DecisionProgress(silo.Metrics, time);
        var startedAt = time.GetTimestamp();
        await silo.StartAsync();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var backlog = await progress.WaitAsync(0, transactions, TimeSpan.FromSeconds(60));
        var backlogCpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        var backlogCpu = backlogCpuSeconds / time.GetElapsedTime(startedAt).TotalSeconds;
        var cpuPerDecision = backlogCpuSeconds * 1e6 / backlog.Count;
        var backlogLatency = silo.Metrics.EndToEnd.Snapshot();
        var endToEnd = backlog.Count / backlog.Seconds(time);
        var steady = backlog.RateBetween(0.1, 0.9, time);
        Console.WriteLine(Invariant(
            $"silo: first decision {time.GetElapsedTime(startedAt, backlog.First).TotalSeconds:F1} s after start (group join), {backlog.Count:N0} decisions in {backlog.Seconds(time):F2} s = {endToEnd:N0} tx/s (10–90 %: {steady:N0} tx/s)"));
        Console.WriteLine($"         backlog latency (append → decision, mostly queueing): {Percentiles(LatencyHistogram.Empty(), backlogLatency)}");
        Console.WriteLine(Invariant(
            $"         {backlogCpu:F2} of {Environment.ProcessorCount} cores busy (join included), {cpuPerDecision:F1} µs of CPU per decision (the whole process: mock broker, clients, silo); consumer paused {silo.Ingestion.Pauses:N0} times, {silo.Ingestion.Checkpoints:N0} partition checkpoints, {silo.Ingestion.CommitRounds:N0} commit rounds"));

        // Latency is only the pipeline's own while the silo keeps up: the producer shares the cores, so it runs at a
        // quarter of the backlog rate (a silo provisioned with headroom) and at half of it.
        var pacedRows = new List<string>();
        var total = transactions;
        foreach (var share in PacedShares)
        {
            var pacedRate = Math.Max(1, Math.Floor(endToEnd * share));
            var pacedCount = (int)Math.Min(pacedRate * pacedSeconds, tally.Capacity - total);
            var pacedFirst = traffic.Extend(pacedCount);
            pacedCount = traffic.Count - pacedFirst;
            Console.WriteLine(Invariant($"paced phase: {pacedCount:N0} transactions at {pacedRate:N0}/s ({share:P0} of the backlog rate) while the silo consumes…"));
            var before = silo.Metrics.EndToEnd.Snapshot();
            var producing = Task.Run(() => traffic.ProducePacedAsync(producer, pacedFirst, pacedCount, pacedRate, time));
            var paced = await progress.WaitAsync(total, total + pacedCount, TimeSpan.FromSeconds(60));
            await producing;
            var pacedLatency = silo.Metrics.EndToEnd.Snapshot();
            total += pacedCount;
            Console.WriteLine(Invariant($"         {paced.Count:N0} decisions in {paced.Seconds(time):F1} s = {paced.Count / paced.Seconds(time):N0} tx/s; latency {Percentiles(before, pacedLatency)}"));
            pacedRows.Add(Invariant($"| paced at {pacedRate:N0} tx/s ({share:P0}): append → decision p50 / p99 / p99.9 | {Millis(before, pacedLatency, 0.5)} / {Millis(before, pacedLatency, 0.99)} / {Millis(before, pacedLatency, 0.999)} |"));
        }

        await silo.StopAsync();
        var (missing, duplicated, unknown) = tally.Check(total);
        var decisionsOnTopic = TopicWatermarks.Sum(cluster.BootstrapServers, options.DecisionsTopic, partitions).High;
        var lossless = missing == 0 && duplicated == 0 && unknown == 0 && decisionsOnTopic == total
            && silo.Metrics.FailedTotal == 0 && silo.Ingestion.DeadLettered == 0 && silo.Decisions.Dropped == 0 && silo.Decisions.DeliveryFailures == 0;
        Console.WriteLine(Invariant(
            $"zero loss: {(lossless ? "yes" : "NO")} — {total:N0} transactions, {missing} without a decision, {duplicated} with more than one, decisions topic {decisionsOnTopic:N0} records, failed {silo.Metrics.FailedTotal}, dead-lettered {silo.Ingestion.DeadLettered}, decisions dropped {silo.Decisions.Dropped}, undelivered {silo.Decisions.DeliveryFailures}"));

        Console.WriteLine();
        Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; mock cluster, producer, consumer and silo in one process; load average {LoadAverage()} (other processes share the cores)"));
        Console.WriteLine(Invariant($"| {transactions:N0} transactions, {Cards:N0} cards, {partitions} partitions | value |"));
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine(Invariant($"| raw consume (ceiling) | {raw:N0} records/s |"));
        Console.WriteLine(Invariant($"| end to end, one silo, first → last decision | {endToEnd:N0} tx/s |"));
        Console.WriteLine(Invariant($"| CPU per decision (whole process) | {cpuPerDecision:F1} µs |"));
        Console.WriteLine(Invariant($"| cold process (warm-up silo, {WarmUpTransactions:N0} transactions) | {warmUp:N0} tx/s |"));
        Console.WriteLine(Invariant($"| ratio end to end / raw | {endToEnd / raw:P0} |"));
        Console.WriteLine(Invariant($"| backlog latency p50 / p99 (queueing) | {Millis(LatencyHistogram.Empty(), backlogLatency, 0.5)} / {Millis(LatencyHistogram.Empty(), backlogLatency, 0.99)} |"));
        foreach (var row in pacedRows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine(Invariant($"| zero loss (one decision each, decisions topic count) | {(lossless ? "yes" : "NO")} |"));
        return lossless ? 0 : 1;
    }

    /// <summary>A silo of its own (own topics, own group, own grains) on a fresh backlog; returns its first → last decision rate.</summary>
    private static async Task<double> WarmUpAsync(KafkaMockCluster cluster, Grains.Abstractions.Models.ModelPackage champion, TimeProvider time)
    {
        var options = new KafkaOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "bench-warm-up",
            TransactionsTopic = "warm-up.transactions",
            DecisionsTopic = "warm-up.decisions",
            LabelsTopic = "warm-up.labels",
            DeadLetterTopic = "warm-up.transactions.dlq",
        };
        var traffic = new IngestTraffic(Cards, seed: 11);
        traffic.Extend(WarmUpTransactions);
        cluster.CreateTopics(options, MinPartitions * 2);
        using (var bulk = new KafkaTransactionProducer(options, lingerMs: BulkLingerMs))
        {
            traffic.ProduceAll(bulk, 0, WarmUpTransactions);
        }

        await using var silo = new IngestSilo(options, champion, new DecisionTally(WarmUpTransactions));
        var progress = new DecisionProgress(silo.Metrics, time);
        await silo.StartAsync();
        var done = await progress.WaitAsync(0, WarmUpTransactions, TimeSpan.FromSeconds(60));
        await silo.StopAsync();
        return done.Count / done.Seconds(time);
    }

    private static bool TryParse(string[] args, out int transactions, out int? partitions, out int pacedSeconds, out string usage)
    {
        usage = "usage: ingest [transactions=1000000] [partitions=auto] [pacedSeconds=15] — transactions 10,000–5,000,000, partitions 1–1024, pacedSeconds (per paced phase) 1–600.";
        transactions = 1_000_000;
        partitions = null;
        pacedSeconds = 15;
        if (args.Length > 1 && !(int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out transactions) && transactions is >= 10_000 and <= 5_000_000))
        {
            return false;
        }

        if (args.Length > 2 && args[2] != "auto")
        {
            if (!int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) || asked is < 1 or > 1024)
            {
                return false;
            }

            partitions = asked;
        }

        return args.Length <= 3 || (int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out pacedSeconds) && pacedSeconds is >= 1 and <= 600);
    }

    private static string Percentiles(long[] before, long[] after) =>
        $"p50 {Millis(before, after, 0.5)}, p99 {Millis(before, after, 0.99)}, p99.9 {Millis(before, after, 0.999)}";

    private static string Millis(long[] before, long[] after, double quantile) =>
        LatencyHistogram.Quantile(before, after, quantile) is { } value ? Invariant($"{value.TotalMilliseconds:F1} ms") : "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ', 4)[..3]);
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
