using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Silo.Audit;
using FraudActors.Silo.Tests.Storage;
using FraudActors.Tests.Shared;

namespace FraudActors.Silo.Tests.Audit;

/// <summary>
/// What every audit store owes: rows read back field for field, idempotent batches, exactly-once through the
/// sink, and report figures equal to a brute-force computation. Tests of one class share a database, so each
/// works in its own window of decision time with its own transaction ids.
/// </summary>
public abstract class AuditStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly string _spill = Directory.CreateTempSubdirectory("fa-audit-spill-").FullName;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        Directory.Delete(_spill, recursive: true);
        return Task.CompletedTask;
    }

    [StoreFact]
    public async Task A_batch_reads_back_field_for_field()
    {
        var (store, reader) = await OpenAsync();
        var rows = AuditRows.Batch(_prefix, 300, AuditRows.FreshWindow(), seed: 1);

        (await store.WriteAsync(rows, CancellationToken.None)).Should().Be(rows.Count);

        foreach (var row in rows)
        {
            var read = await reader.GetAsync(row.TransactionId);
            read.Should().NotBeNull();
            read!.Features.Should().Equal(row.Features, (a, b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b));
            read.Reasons.Should().Equal(row.Reasons, SameReason);
            read.Should().BeEquivalentTo(row, o => o.Excluding(r => r.Features).Excluding(r => r.Reasons));
            read.EventTime.Offset.Should().Be(TimeSpan.Zero);
        }
    }

    [StoreFact]
    public async Task A_retried_batch_adds_no_row()
    {
        var (store, reader) = await OpenAsync();
        var window = AuditRows.FreshWindow();
        var rows = AuditRows.Batch(_prefix, 200, window, seed: 2);
        await store.WriteAsync(rows[..120], CancellationToken.None);

        // The retry overlaps what already landed (an acknowledgement lost after commit) and repeats ids within itself.
        var added = await store.WriteAsync([.. rows, .. rows[..10]], CancellationToken.None);

        added.Should().Be(80);
        (await reader.ReportAsync(window, window.AddDays(2))).Volume.Should().Be(200);
    }

    [StoreFact]
    public async Task Decisions_through_the_sink_land_exactly_once()
    {
        var (store, reader) = await OpenAsync();
        var window = AuditRows.FreshWindow();
        var clock = new ManualTimeProvider(window.AddHours(1));
        const int Decisions = 3_000;
        await using (var pipeline = await AuditPipeline.StartAsync(store, AuditPipeline.Options(_spill, batchSize: 256), clock))
        {
            for (var i = 0; i < Decisions; i++)
            {
                var (record, outcome) = AuditRows.Outcome(_prefix, i, clock.GetTimestamp());
                pipeline.Sink.Accept(record, outcome);
                if (i % 10 == 0)
                {
                    // A redelivery after a rebalance: the same decision again.
                    pipeline.Sink.Accept(record, outcome);
                }
            }

            var (_, unscored) = AuditRows.Outcome(_prefix, Decisions, clock.GetTimestamp(), scored: false);
            pipeline.Sink.Accept(AuditRows.Outcome(_prefix, Decisions, 0).Record, unscored);
            await AuditPipeline.Until(() => pipeline.Sink.Written == pipeline.Sink.Accepted, Deadline, "the writer to catch up");
            pipeline.Sink.Unscored.Should().Be(1);
        }

        (await reader.ReportAsync(window, window.AddDays(1))).Volume.Should().Be(Decisions);
        var sample = await reader.GetAsync($"{_prefix}-{1234:D6}");
        var (expectedRecord, expected) = AuditRows.Outcome(_prefix, 1234, 0);
        sample.Should().NotBeNull();
        sample!.CardId.Should().Be(expected.CardId);
        sample.EventTime.Should().Be(expectedRecord.Transaction.Timestamp);
        sample.DecisionTime.Should().Be(window.AddHours(1));
        sample.Partition.Should().Be(expectedRecord.Partition);
        sample.Offset.Should().Be(1234);
        sample.Features.Should().HaveCount(26);
        sample.Features[0].Should().Be(expected.Card.Amount);
        float.IsNaN(sample.Features[14]).Should().BeTrue("speed is missing");
        sample.Features[20].Should().Be(expected.Merchant.TxCount1d);
        sample.Probability.Should().Be(expected.Score!.Probability);
        sample.Decision.Should().Be(expected.Score.Decision);
        sample.ModelVersion.Should().Be(4);
        sample.Reasons.Should().Equal(expected.Score.Reasons);
        (await reader.GetAsync($"{_prefix}-{Decisions:D6}")).Should().BeNull("an unscored outcome is no decision");
    }

    [StoreFact]
    public async Task The_report_matches_a_brute_force_computation()
    {
        var (store, reader) = await OpenAsync();
        var window = AuditRows.FreshWindow();
        var rows = AuditRows.Batch(_prefix, 1_500, window, seed: 3);
        var outside = AuditRows.Batch(_prefix + "x", 100, window.AddDays(1), seed: 4);
        await store.WriteAsync(rows, CancellationToken.None);
        await store.WriteAsync(outside, CancellationToken.None);
        var random = new Random(5);
        var labels = new List<TransactionLabel>();
        foreach (var row in rows.Where((_, i) => i % 3 == 0).Concat(outside.Take(20)))
        {
            var fraud = random.NextDouble() < (row.Decision == DecisionKind.Approve ? 0.05 : 0.6);
            labels.Add(new TransactionLabel(row.TransactionId, "m", row.EventTime, !fraud, window));
            labels.Add(new TransactionLabel(row.TransactionId, "m", row.EventTime, fraud, window.AddHours(1))); // a later verdict wins
        }

        await reader.UpsertLabelsAsync(labels[..200]);
        await reader.UpsertLabelsAsync(labels[200..]);
        var from = window.AddHours(2);
        var to = window.AddHours(20);

        var report = await reader.ReportAsync(from, to);

        var expected = BruteForce(rows.Concat(outside), labels, from, to);
        report.Volume.Should().Be(expected.Volume).And.BeGreaterThan(500);
        report.Approved.Should().Be(expected.Approved);
        report.Reviewed.Should().Be(expected.Reviewed);
        report.Declined.Should().Be(expected.Declined);
        report.MeanProbability.Should().BeApproximately(expected.MeanProbability!.Value, 1e-9);
        report.LatencyP50Microseconds.Should().BeApproximately(expected.LatencyP50Microseconds!.Value, 1e-6);
        report.LatencyP99Microseconds.Should().BeApproximately(expected.LatencyP99Microseconds!.Value, 1e-6);
        report.Models.Should().BeEquivalentTo(expected.Models, o => o.WithStrictOrdering().Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-12)).WhenTypeIs<double>());
        report.Labels.Should().Be(expected.Labels);
        report.Labels.Labelled.Should().BeGreaterThan(100);
        report.Labels.Precision.Should().NotBeNull();

        var empty = await reader.ReportAsync(window.AddYears(-5), window.AddYears(-5).AddHours(1));
        empty.Volume.Should().Be(0);
        empty.MeanProbability.Should().BeNull();
        empty.LatencyP50Microseconds.Should().BeNull();
        empty.Models.Should().BeEmpty();
        empty.Labels.Should().Be(LabelledOutcomes.None);
    }

    [StoreFact]
    public async Task An_unknown_transaction_reads_as_null()
    {
        var (_, reader) = await OpenAsync();

        (await reader.GetAsync(_prefix + "-missing")).Should().BeNull();
    }

    private protected abstract Task<(IAuditStore Store, IAuditReader Reader)> OpenAsync();

    private static bool SameReason(DecisionReason a, DecisionReason b) =>
        a.Feature == b.Feature && a.Text == b.Text
        && BitConverter.SingleToInt32Bits(a.Value) == BitConverter.SingleToInt32Bits(b.Value)
        && BitConverter.SingleToInt32Bits(a.Contribution) == BitConverter.SingleToInt32Bits(b.Contribution);

    /// <summary>The report by definition, one row at a time.</summary>
    private static AuditReport BruteForce(IEnumerable<AuditedDecision> all, List<TransactionLabel> labels, DateTimeOffset from, DateTimeOffset to)
    {
        var rows = all.Where(r => r.DecisionTime >= from && r.DecisionTime < to).ToList();
        var latest = new Dictionary<string, bool>();
        foreach (var label in labels)
        {
            latest[label.TransactionId] = label.IsFraud;
        }

        var sorted = rows.Select(r => r.LatencyMicroseconds).Order().ToArray();
        double Percentile(double p)
        {
            var position = p * (sorted.Length - 1);
            var lo = (int)position;
            var hi = Math.Min(lo + 1, sorted.Length - 1);
            return sorted[lo] + ((sorted[hi] - sorted[lo]) * (position - lo));
        }

        long tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var row in rows)
        {
            if (latest.TryGetValue(row.TransactionId, out var fraud))
            {
                var alert = row.Decision != DecisionKind.Approve;
                _ = (alert, fraud) switch
                {
                    (true, true) => tp++,
                    (true, false) => fp++,
                    (false, true) => fn++,
                    (false, false) => tn++,
                };
            }
        }

        var models = rows.GroupBy(r => (r.ModelName, r.ModelVersion))
            .OrderBy(g => g.Key.ModelName, StringComparer.Ordinal).ThenBy(g => g.Key.ModelVersion)
            .Select(g => new ModelVersionShare(g.Key.ModelName, g.Key.ModelVersion, g.Count(), (double)g.Count() / rows.Count))
            .ToList();
        return new AuditReport(
            from, to, rows.Count,
            rows.Count(r => r.Decision == DecisionKind.Approve),
            rows.Count(r => r.Decision == DecisionKind.Review),
            rows.Count(r => r.Decision == DecisionKind.Decline),
            rows.Average(r => (double)r.Probability),
            Percentile(0.5), Percentile(0.99), models, new LabelledOutcomes(tp, fp, fn, tn));
    }
}
