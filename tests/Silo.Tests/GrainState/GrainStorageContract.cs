using System.Buffers;
using FraudActors.Grains.Abstractions.Cardholder;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Cardholder;
using FraudActors.Grains.Merchant;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Runtime;
using FraudActors.Silo.Storage.GrainState;
using FraudActors.Silo.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Silo.Tests.GrainState;

/// <summary>
/// What every durable <see cref="IGrainStorage"/> owes the runtime, run against each store by a subclass. Tests
/// of one class share one database, so each uses its own grain keys.
/// </summary>
public abstract class GrainStorageContract : IAsyncLifetime
{
    /// <summary>No timed flush: writes stay buffered until a batch fills or someone flushes.</summary>
    private static readonly GrainStateStoreOptions Held = new() { FlushInterval = TimeSpan.FromHours(1), MaxBatch = 100_000 };

    private readonly List<IAsyncDisposable> _opened = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task A_snapshot_round_trips_with_its_schema_version_and_stream_position()
    {
        var storage = await OpenAsync();
        var positioned = NewGrain();
        var unpositioned = NewGrain();
        var payload = Bytes(300, seed: 1);
        var lent = payload.ToArray();

        var first = await storage.WriteAsync(positioned, new GrainSnapshot(lent, 3, new StreamPosition(7, 123_456_789_012), null), default);
        Array.Clear(lent); // the caller's buffer is only lent for the call
        var second = await storage.WriteAsync(unpositioned, new GrainSnapshot(Bytes(5, seed: 2), 1, null, null), default);

        var fresh = await OpenAsync();
        var read = await fresh.ReadAsync(positioned, default);
        read.Should().NotBeNull();
        read!.Payload.ToArray().Should().Equal(payload);
        read.SchemaVersion.Should().Be(3);
        read.Position.Should().Be(new StreamPosition(7, 123_456_789_012));
        read.ETag.Should().Be(first);
        var other = await fresh.ReadAsync(unpositioned, default);
        other!.Position.Should().BeNull();
        other.ETag.Should().Be(second).And.NotBe(first);
        (await fresh.ReadAsync(NewGrain(), default)).Should().BeNull();
    }

    [StoreFact]
    public async Task A_buffered_write_is_read_back_before_its_flush_and_completes_only_when_committed()
    {
        var storage = await OpenAsync(Held);
        var grain = NewGrain();
        var written = storage.WriteAsync(grain, new GrainSnapshot(Bytes(64, seed: 3), 1, new StreamPosition(1, 10), null), default).AsTask();

        var buffered = await storage.ReadAsync(grain, default);
        var elsewhere = await (await OpenAsync()).ReadAsync(grain, default);

        buffered!.Payload.ToArray().Should().Equal(Bytes(64, seed: 3));
        buffered.Position.Should().Be(new StreamPosition(1, 10));
        elsewhere.Should().BeNull("nothing is committed before the flush");
        written.IsCompleted.Should().BeFalse("a write completes when its batch is committed");

        await storage.FlushAsync();

        (await written).Should().Be(buffered.ETag);
        (await (await OpenAsync()).ReadAsync(grain, default))!.ETag.Should().Be(buffered.ETag);
    }

    [StoreFact]
    public async Task A_stale_or_foreign_etag_is_refused_and_changes_nothing()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();
        var v1 = await storage.WriteAsync(grain, Snapshot(1, null), default);

        await Refused(storage.WriteAsync(grain, Snapshot(2, null), default));
        var v2 = await storage.WriteAsync(grain, Snapshot(3, v1), default);
        await Refused(storage.WriteAsync(grain, Snapshot(4, v1), default));
        await Refused(storage.WriteAsync(grain, Snapshot(5, "not-an-etag"), default));
        await Refused(storage.WriteAsync(NewGrain(), Snapshot(6, v2), default));

        var read = await (await OpenAsync()).ReadAsync(grain, default);
        read!.ETag.Should().Be(v2);
        read.Payload.ToArray().Should().Equal(Bytes(8, seed: 3));
    }

    [StoreFact]
    public async Task Another_silo_writing_the_grain_makes_this_one_stale()
    {
        var mine = await OpenAsync();
        var theirs = await OpenAsync();
        var grain = NewGrain();
        var v1 = await mine.WriteAsync(grain, Snapshot(1, null), default);

        var v2 = await theirs.WriteAsync(grain, Snapshot(2, v1), default);

        var error = await Refused(mine.WriteAsync(grain, Snapshot(3, v1), default));
        error.Message.Should().Contain(v2);
        (await theirs.ReadAsync(grain, default))!.Payload.ToArray().Should().Equal(Bytes(8, seed: 2));
    }

    [StoreFact]
    public async Task A_writer_may_chain_onto_its_buffered_version_but_not_onto_an_older_one()
    {
        var storage = await OpenAsync(Held);
        var grain = NewGrain();
        var first = await storage.AcceptAsync(grain, Snapshot(1, null), default);

        var second = await storage.AcceptAsync(grain, Snapshot(2, first.ETag), default);
        await Refused(storage.WriteAsync(grain, Snapshot(3, null), default));
        await Refused(storage.WriteAsync(grain, Snapshot(3, first.ETag), default));
        await storage.FlushAsync();

        await first.Durable;
        await second.Durable;
        var read = await (await OpenAsync()).ReadAsync(grain, default);
        read!.ETag.Should().Be(second.ETag);
        read.Payload.ToArray().Should().Equal(Bytes(8, seed: 2));
    }

    [StoreFact]
    public async Task Clear_deletes_only_the_version_the_caller_knows()
    {
        var storage = await OpenAsync();
        var grain = NewGrain();
        var v1 = await storage.WriteAsync(grain, Snapshot(1, null), default);
        var v2 = await storage.WriteAsync(grain, Snapshot(2, v1), default);

        await Refused(storage.ClearAsync(grain, v1, default));
        await Refused(storage.ClearAsync(grain, null, default));
        (await storage.ReadAsync(grain, default))!.ETag.Should().Be(v2);

        await storage.ClearAsync(grain, v2, default);
        (await (await OpenAsync()).ReadAsync(grain, default)).Should().BeNull();
        await storage.ClearAsync(grain, v2, default); // no record is not an error
        await storage.ClearAsync(NewGrain(), null, default);
        var again = await storage.WriteAsync(grain, Snapshot(3, null), default);
        (await storage.ReadAsync(grain, default))!.ETag.Should().Be(again);
    }

    [StoreFact]
    public async Task Clear_of_a_buffered_write_commits_it_first_then_deletes_it()
    {
        var storage = await OpenAsync(Held);
        var grain = NewGrain();
        var accepted = await storage.AcceptAsync(grain, Snapshot(1, null), default);

        await Refused(storage.ClearAsync(grain, null, default));
        await storage.ClearAsync(grain, accepted.ETag, default);

        accepted.Durable.IsCompletedSuccessfully.Should().BeTrue();
        (await storage.ReadAsync(grain, default)).Should().BeNull();
        (await (await OpenAsync()).ReadAsync(grain, default)).Should().BeNull();
    }

    [StoreFact]
    public async Task A_burst_of_20000_writes_to_5000_grains_coalesces_into_one_batch_of_the_newest_snapshots()
    {
        var storage = await OpenAsync(Held);
        var grains = Enumerable.Range(0, 5_000).Select(_ => NewGrain()).ToArray();
        var etags = new string?[grains.Length];
        var durable = new List<Task>(20_000);

        for (var round = 0; round < 4; round++)
        {
            for (var g = 0; g < grains.Length; g++)
            {
                var accepted = await storage.AcceptAsync(grains[g], new GrainSnapshot(Payload(g, round), round, new StreamPosition(g % 8, round), etags[g]), default);
                etags[g] = accepted.ETag;
                durable.Add(accepted.Durable);
            }
        }

        await storage.FlushAsync();
        await Task.WhenAll(durable);

        storage.Statistics.Should().Be(new WriteBehindStatistics(Flushes: 1, FlushedWrites: 5_000, CoalescedWrites: 15_000, FailedFlushes: 0, Pending: 0));
        var stored = await ReadAllAsync(await OpenAsync(), grains);
        for (var g = 0; g < grains.Length; g++)
        {
            var read = stored[g];
            read!.ETag.Should().Be(etags[g]);
            read.SchemaVersion.Should().Be(3);
            read.Position.Should().Be(new StreamPosition(g % 8, 3));
            read.Payload.ToArray().Should().Equal(Payload(g, 3));
        }
    }

    [StoreFact]
    public async Task Concurrent_awaited_writes_share_round_trips_and_end_with_the_newest_state()
    {
        var storage = await OpenAsync(new GrainStateStoreOptions());
        var grains = Enumerable.Range(0, 5_000).Select(_ => NewGrain()).ToArray();

        // Each grain writes four times, each write waiting for its commit, like a grain's turns would. Off xunit's
        // synchronisation context, which would funnel 5,000 continuations through two threads.
        var etags = await Task.Run(() => Task.WhenAll(grains.Select(async (grain, g) =>
        {
            string? etag = null;
            for (var round = 0; round < 4; round++)
            {
                etag = await storage.WriteAsync(grain, new GrainSnapshot(Payload(g, round), 1, null, etag), default);
            }

            return etag;
        })));

        var statistics = storage.Statistics;
        statistics.FlushedWrites.Should().Be(20_000);
        statistics.Flushes.Should().BeLessThan(200, "writers waiting at the same time share a batch");
        var stored = await ReadAllAsync(await OpenAsync(), grains);
        for (var g = 0; g < grains.Length; g++)
        {
            stored[g]!.ETag.Should().Be(etags[g]);
            stored[g]!.Payload.ToArray().Should().Equal(Payload(g, 3));
        }
    }

    [StoreFact]
    public async Task Dispose_commits_every_buffered_write()
    {
        var storage = await CreateStorageAsync(Held);
        var grains = Enumerable.Range(0, 3_000).Select(_ => NewGrain()).ToArray();
        var writes = grains.Select((grain, g) => storage.WriteAsync(grain, new GrainSnapshot(Payload(g, 0), 1, new StreamPosition(0, g), null), default).AsTask()).ToArray();
        writes.Should().OnlyContain(w => !w.IsCompleted);

        await storage.DisposeAsync();

        // Committed before dispose returned (read below); the writers resume on the thread pool right after.
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(10));
        var stored = await ReadAllAsync(await OpenAsync(), grains);
        for (var g = 0; g < grains.Length; g++)
        {
            var read = stored[g];
            read!.ETag.Should().Be(writes[g].Result);
            read.Position.Should().Be(new StreamPosition(0, g));
        }

        await FluentActions.Awaiting(() => storage.WriteAsync(NewGrain(), Snapshot(1, null), default).AsTask())
            .Should().ThrowAsync<ObjectDisposedException>();
    }

    [StoreFact]
    public async Task Card_and_merchant_snapshots_come_back_with_the_version_they_were_written_with()
    {
        var storage = await OpenAsync();
        var card = new CardholderState(new CardBehaviour());
        foreach (var transaction in CardTraffic.Generate(seed: 5, cards: 1, transactions: 50).Before)
        {
            card.Behaviour.Apply(transaction);
        }

        var merchant = MerchantState.CreateEmpty();
        merchant.Risk.RecordTransaction(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var cardBytes = Encode(card.WriteTo);
        var merchantBytes = Encode(merchant.WriteTo);
        var cardGrain = new GrainId("cardholder", Guid.NewGuid().ToString("N"));
        var merchantGrain = new GrainId("merchant", Guid.NewGuid().ToString("N"));
        var futureGrain = NewGrain();
        await storage.WriteAsync(cardGrain, new GrainSnapshot(cardBytes, CardholderState.SchemaVersion, null, null), default);
        await storage.WriteAsync(merchantGrain, new GrainSnapshot(merchantBytes, MerchantState.SchemaVersion, null, null), default);
        await storage.WriteAsync(futureGrain, new GrainSnapshot(cardBytes, CardholderState.SchemaVersion + 1, null, null), default);

        var fresh = await OpenAsync();
        var storedCard = await fresh.ReadAsync(cardGrain, default);
        var storedMerchant = await fresh.ReadAsync(merchantGrain, default);

        // The version travels with each record, so a newer build decodes an older record with the older reader.
        storedCard!.SchemaVersion.Should().Be(1);
        storedMerchant!.SchemaVersion.Should().Be(1);
        (await fresh.ReadAsync(futureGrain, default))!.SchemaVersion.Should().Be(2);
        Encode(CardholderState.ReadFrom(storedCard.Payload.Span, storedCard.SchemaVersion).WriteTo).Should().Equal(cardBytes);
        Encode(MerchantState.ReadFrom(storedMerchant.Payload.Span, storedMerchant.SchemaVersion).WriteTo).Should().Equal(merchantBytes);
    }

    [StoreFact]
    public async Task After_a_silo_restart_every_card_computes_the_same_features_as_without_one()
    {
        var traffic = CardTraffic.Generate(seed: 42, cards: 200, transactions: 3_000);

        // The silo that restarts: process, stop (deactivation saves every grain), build a new one on the same database.
        await using (var first = BuildSilo(AddStorage))
        {
            await ProcessAsync(first, traffic.Before);
            await first.GetRequiredService<GrainRuntime>().StopAsync();
        }

        IReadOnlyList<TransactionOutcome> resumed;
        await using (var second = BuildSilo(AddStorage))
        {
            var storage = second.GetRequiredService<IGrainStorage>();
            foreach (var transaction in traffic.After)
            {
                (await storage.ReadAsync(new GrainId("cardholder", transaction.CardId), default)).Should().NotBeNull();
            }

            resumed = await ProcessAsync(second, traffic.After);
            await second.GetRequiredService<GrainRuntime>().StopAsync();
        }

        // The references: the same stream through CardBehaviour directly, and through a silo that never restarted.
        var behaviours = new Dictionary<string, CardBehaviour>(StringComparer.Ordinal);
        foreach (var transaction in traffic.Before)
        {
            Behaviour(behaviours, transaction.CardId).Apply(transaction);
        }

        IReadOnlyList<TransactionOutcome> uninterrupted;
        await using (var reference = BuildSilo(static _ => { }))
        {
            await ProcessAsync(reference, traffic.Before);
            uninterrupted = await ProcessAsync(reference, traffic.After);
        }

        resumed.Should().HaveCount(200);
        for (var i = 0; i < resumed.Count; i++)
        {
            var transaction = traffic.After[i];
            var expected = Behaviour(behaviours, transaction.CardId).Apply(transaction).Features;
            resumed[i].Outcome.Should().Be(FeatureOutcome.Applied, transaction.CardId);
            resumed[i].Card.Should().Be(expected, $"card {transaction.CardId} resumes from its saved windows");
            resumed[i].Card.Should().Be(uninterrupted[i].Card);
            resumed[i].Merchant.Should().Be(uninterrupted[i].Merchant, $"merchant {transaction.MerchantId} resumes too");
        }
    }

    /// <summary>Opens the store under test; the subclass owns where it lives.</summary>
    private protected abstract Task<IWriteBehindGrainStorage> CreateStorageAsync(GrainStateStoreOptions options);

    /// <summary>Registers the store under test in a silo's services.</summary>
    private protected abstract void AddStorage(IServiceCollection services);

    private protected async Task<IWriteBehindGrainStorage> OpenAsync(GrainStateStoreOptions? options = null)
    {
        var storage = await CreateStorageAsync(options ?? new GrainStateStoreOptions());
        _opened.Add(storage);
        return storage;
    }

    private protected static GrainId NewGrain() => new("test", Guid.NewGuid().ToString("N"));

    private static GrainSnapshot Snapshot(int seed, string? etag) => new(Bytes(8, seed), 1, null, etag);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Payload(int grain, int round) => BitConverter.GetBytes(((long)grain << 8) | (uint)round);

    private static byte[] Encode(Action<IBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    // Concurrent, off xunit's synchronisation context: one round trip each, overlapping on the connection pool.
    private static Task<GrainSnapshot?[]> ReadAllAsync(IGrainStorage storage, GrainId[] grains) =>
        Task.Run(() => Task.WhenAll(grains.Select(grain => storage.ReadAsync(grain, default).AsTask())));

    private static async Task<InconsistentStateException> Refused(ValueTask<string> write) =>
        (await FluentActions.Awaiting(() => write.AsTask()).Should().ThrowAsync<InconsistentStateException>()).Which;

    private static async Task Refused(ValueTask clear) =>
        await FluentActions.Awaiting(() => clear.AsTask()).Should().ThrowAsync<InconsistentStateException>();

    private static ServiceProvider BuildSilo(Action<IServiceCollection> storage)
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime();
        services.AddFraudGrains();
        storage(services);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static async Task<IReadOnlyList<TransactionOutcome>> ProcessAsync(ServiceProvider silo, IReadOnlyList<Grains.Abstractions.Transactions.CardTransaction> transactions)
    {
        var grains = silo.GetRequiredService<IGrainFactory>();
        var outcomes = new List<TransactionOutcome>(transactions.Count);
        foreach (var transaction in transactions)
        {
            outcomes.Add(await grains.GetGrain<ICardholderGrain>(transaction.CardId).ProcessAsync(transaction));
        }

        return outcomes;
    }

    private static CardBehaviour Behaviour(Dictionary<string, CardBehaviour> behaviours, string card)
    {
        if (!behaviours.TryGetValue(card, out var behaviour))
        {
            behaviours[card] = behaviour = new CardBehaviour();
        }

        return behaviour;
    }
}
