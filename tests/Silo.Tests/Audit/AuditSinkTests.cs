using FraudActors.Silo.Audit;
using FraudActors.Tests.Shared;

namespace FraudActors.Silo.Tests.Audit;

public sealed class AuditSinkTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly string _spill = Directory.CreateTempSubdirectory("fa-audit-sink-").FullName;

    public void Dispose() => Directory.Delete(_spill, recursive: true);

    [Fact]
    public async Task An_outage_buffers_then_spills_and_every_row_lands_once_afterwards()
    {
        var store = new FlakyAuditStore();
        await using var pipeline = await AuditPipeline.StartAsync(store, AuditPipeline.Options(_spill, batchSize: 50, capacity: 200));
        Accept(pipeline, 0, 300);
        await AuditPipeline.Until(() => store.Count == 300, Deadline, "the first rows");

        store.Down = true;
        Accept(pipeline, 300, 2_000);
        await AuditPipeline.Until(() => pipeline.Sink.Spilled > 1_000, Deadline, "rows to spill while the store is down");
        pipeline.Sink.Buffered.Should().BeLessThanOrEqualTo(200);
        SpillSegments().Should().NotBeEmpty();
        store.Count.Should().Be(300);

        store.Down = false;
        Accept(pipeline, 2_000, 2_500);
        await AuditPipeline.Until(() => store.Count == 2_500 && !pipeline.Sink.Spill.HasPending, Deadline, "the spill to be replayed");

        store.Ids.Order(StringComparer.Ordinal).Should().Equal(Enumerable.Range(0, 2_500).Select(Id));
        SpillSegments().Should().BeEmpty();
        pipeline.Sink.Accepted.Should().Be(2_500);
    }

    [Fact]
    public async Task A_lost_acknowledgement_is_retried_without_duplicates()
    {
        var store = new FlakyAuditStore { LoseNextAcknowledgement = true };
        await using var pipeline = await AuditPipeline.StartAsync(store, AuditPipeline.Options(_spill, batchSize: 100));

        Accept(pipeline, 0, 1_000);

        await AuditPipeline.Until(() => pipeline.Sink.Written == 1_000, Deadline, "the writer");
        store.Count.Should().Be(1_000);
        store.Attempts.Should().BeGreaterThan(pipeline.Sink.Written / 100, "the failed batch was written again");
    }

    [Fact]
    public async Task Shutdown_during_an_outage_spills_and_the_next_start_replays()
    {
        var store = new FlakyAuditStore { Down = true };
        var first = await AuditPipeline.StartAsync(store, AuditPipeline.Options(_spill, batchSize: 64, capacity: 1_000));
        Accept(first, 0, 700);
        await AuditPipeline.Until(() => store.Attempts > 0, Deadline, "a first attempt");
        await first.StopAsync();

        // Decisions that arrive after the writer stopped go straight to the spill file.
        Accept(first, 700, 750);
        first.Sink.Dispose();
        store.Count.Should().Be(0);
        SpillSegments().Should().NotBeEmpty();

        store.Down = false;
        await using var second = await AuditPipeline.StartAsync(store, AuditPipeline.Options(_spill, batchSize: 64, capacity: 1_000));
        await AuditPipeline.Until(() => store.Count == 750 && !second.Sink.Spill.HasPending, Deadline, "the replay");
        SpillSegments().Should().BeEmpty();
    }

    [Fact]
    public async Task Rows_the_store_refuses_are_set_aside_and_the_rest_goes_on()
    {
        var store = new FlakyAuditStore { RefusePrefix = "bad" };
        await using var pipeline = await AuditPipeline.StartAsync(store, AuditPipeline.Options(_spill, batchSize: 1_000));
        var clock = new ManualTimeProvider();
        var (record, outcome) = AuditRows.Outcome("bad", 1, clock.GetTimestamp());
        pipeline.Sink.Accept(record, outcome);
        await AuditPipeline.Until(() => pipeline.Sink.Rejected == 1, Deadline, "the rejection");

        Accept(pipeline, 0, 100);

        await AuditPipeline.Until(() => store.Count == 100, Deadline, "the good rows");
        Directory.GetFiles(_spill, "rejected-*.spill").Should().ContainSingle();
    }

    [Fact]
    public void Accept_never_blocks_when_nobody_drains_the_buffer()
    {
        var options = AuditPipeline.Options(_spill, batchSize: 10, capacity: 10);
        using var sink = new AuditSink(Microsoft.Extensions.Options.Options.Create(options), new ManualTimeProvider());
        var clock = new ManualTimeProvider();

        for (var i = 0; i < 100; i++)
        {
            var (record, outcome) = AuditRows.Outcome("burst", i, clock.GetTimestamp());
            sink.Accept(record, outcome);
        }

        sink.Buffered.Should().Be(10);
        sink.Spilled.Should().Be(90);
        sink.Spill.Sync();
        var spilled = sink.Spill.SealForReplay().SelectMany(s => SpillFile.Read(s, 1_000)).SelectMany(b => b).ToList();
        spilled.Select(r => r.TransactionId).Should().Equal(Enumerable.Range(10, 90).Select(i => $"burst-{i:D6}"));
    }

    private static string Id(int i) => $"s-{i:D6}";

    private static void Accept(AuditPipeline pipeline, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var (record, outcome) = AuditRows.Outcome("s", i, TimeProvider.System.GetTimestamp());
            pipeline.Sink.Accept(record, outcome);
        }
    }

    private string[] SpillSegments() => Directory.GetFiles(_spill, "audit-*.spill");
}
