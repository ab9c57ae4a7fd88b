using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Storage.GrainState;
using FraudActors.Silo.Tests.Runtime;
using FraudActors.Tests.Shared;

namespace FraudActors.Silo.Tests.GrainState;

public sealed class WriteBehindBufferTests
{
    private static readonly GrainStateStoreOptions Held = new() { FlushInterval = TimeSpan.FromHours(1), MaxBatch = 100_000 };

    [Fact]
    public async Task A_full_buffer_makes_writers_wait_until_a_flush_frees_room()
    {
        var store = new RecordingFlush();
        store.Hold();
        await using var buffer = new WriteBehindBuffer(store.FlushAsync, new GrainStateStoreOptions { FlushInterval = TimeSpan.FromHours(1), MaxPending = 10 });
        var first = Enumerable.Range(0, 10).Select(i => buffer.WriteAsync(Grain(i), Snapshot(i, null), default).AsTask()).ToArray();
        await Eventually.TrueAsync(() => store.BatchCount == 1, "the full buffer is flushed at once");

        var eleventh = buffer.AcceptAsync(Grain(10), Snapshot(10, null), default).AsTask();

        eleventh.IsCompleted.Should().BeFalse("ten snapshots are buffered or in flight");
        buffer.Statistics.Pending.Should().Be(10);
        store.Release();
        await Task.WhenAll(first);
        var accepted = await eleventh;
        await buffer.FlushAsync();
        await accepted.Durable;
        store.Batches.Should().HaveCount(2).And.OnlyContain(b => b.Count <= 10);
        store.Stored(Grain(10)).Should().NotBeNull();
    }

    [Fact]
    public async Task A_failed_batch_fails_its_writers_with_the_store_error_and_the_next_write_expects_the_older_version()
    {
        var store = new RecordingFlush();
        await using var buffer = new WriteBehindBuffer(store.FlushAsync, Held);
        var v1 = await WriteAndFlushAsync(buffer, Grain(1), Snapshot(1, null));
        store.Hold();
        store.FailNext = new StoreUnavailableException("disk on fire");
        var failing = await buffer.AcceptAsync(Grain(1), Snapshot(2, v1), default);
        var flush = buffer.FlushAsync();
        await Eventually.TrueAsync(() => store.BatchCount == 2, "the failing batch is in flight");

        // Chained onto the version being written, which will never be stored.
        var chained = await buffer.AcceptAsync(Grain(1), Snapshot(3, failing.ETag), default);
        store.Release();
        await flush;

        await FluentActions.Awaiting(() => failing.Durable).Should().ThrowAsync<StoreUnavailableException>().WithMessage("disk on fire");
        await buffer.FlushAsync();
        await chained.Durable;
        store.Batches[2].Should().ContainSingle().Which.Expected.Should().Be(long.Parse(v1, System.Globalization.CultureInfo.InvariantCulture));
        store.Stored(Grain(1))!.Value.Payload.Should().Equal(Snapshot(3, null).Payload.ToArray());
        buffer.Statistics.FailedFlushes.Should().Be(1);
    }

    [Fact]
    public async Task A_write_refused_by_the_store_fails_its_writer_and_every_writer_it_absorbed()
    {
        var store = new RecordingFlush();
        await using var buffer = new WriteBehindBuffer(store.FlushAsync, Held);
        await WriteAndFlushAsync(buffer, Grain(1), Snapshot(1, null));

        var stale = await buffer.AcceptAsync(Grain(1), Snapshot(2, null), default);
        var absorbed = await buffer.AcceptAsync(Grain(1), Snapshot(3, stale.ETag), default);
        await buffer.FlushAsync();

        stale.Durable.Should().BeSameAs(absorbed.Durable);
        await FluentActions.Awaiting(() => absorbed.Durable).Should().ThrowAsync<InconsistentStateException>();
        store.Stored(Grain(1))!.Value.Payload.Should().Equal(Snapshot(1, null).Payload.ToArray());
    }

    [Fact]
    public async Task An_open_batch_is_flushed_when_the_interval_ends_and_never_exceeds_the_batch_size()
    {
        var clock = new ManualTimeProvider();
        var store = new RecordingFlush();
        await using var buffer = new WriteBehindBuffer(store.FlushAsync, new GrainStateStoreOptions { FlushInterval = TimeSpan.FromSeconds(1), MaxBatch = 4 }, clock);
        var writes = Enumerable.Range(0, 10).Select(i => buffer.WriteAsync(Grain(i), Snapshot(i, null), default).AsTask()).ToArray();
        await Eventually.TrueAsync(() => store.BatchCount == 2, "the two full batches go at once");
        writes.Count(w => w.IsCompleted).Should().BeLessThanOrEqualTo(8);

        var all = Task.WhenAll(writes);
        await Eventually.TrueAsync(() => { clock.Advance(TimeSpan.FromSeconds(1)); return all.IsCompleted; }, "the interval closes the last batch");

        store.Batches.Select(b => b.Count).Should().Equal(4, 4, 2);
    }

    [Fact]
    public void Options_are_validated_with_the_setting_at_fault()
    {
        new GrainStateStoreOptions().Validate();
        FluentActions.Invoking(() => new GrainStateStoreOptions { FlushInterval = TimeSpan.Zero }.Validate())
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("FlushInterval");
        FluentActions.Invoking(() => new GrainStateStoreOptions { MaxBatch = 0 }.Validate())
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("MaxBatch");
        FluentActions.Invoking(() => new GrainStateStoreOptions { MaxPending = 0 }.Validate())
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("MaxPending");
    }

    private static GrainId Grain(int n) => new("test", $"g{n}");

    private static GrainSnapshot Snapshot(int seed, string? etag) => new(new[] { (byte)seed, (byte)(seed >> 8) }, 1, null, etag);

    private static async Task<string> WriteAndFlushAsync(WriteBehindBuffer buffer, GrainId grain, GrainSnapshot snapshot)
    {
        var accepted = await buffer.AcceptAsync(grain, snapshot, default);
        await buffer.FlushAsync();
        await accepted.Durable;
        return accepted.ETag;
    }
}
