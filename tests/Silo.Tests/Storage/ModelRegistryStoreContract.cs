using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Silo.Storage.Serialization;
using FraudActors.Tests.Shared;

namespace FraudActors.Silo.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IModelRegistryStore"/> owes its callers, run against each implementation by
/// a concrete subclass. Tests of one class share one database, so each uses its own model names.
/// </summary>
public abstract class ModelRegistryStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
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
    public async Task Publish_assigns_consecutive_versions_per_model()
    {
        var store = await OpenAsync();
        var a = TestPackages.NewModelName();
        var b = TestPackages.NewModelName();

        var versions = new List<int>
        {
            (await store.PublishAsync(TestPackages.Create(a), "alice", "first")).Version,
            (await store.PublishAsync(TestPackages.Create(b), "alice", "other model")).Version,
            (await store.PublishAsync(TestPackages.Create(a), "alice", "second")).Version,
            (await store.PublishAsync(TestPackages.Create(a), "bob", "third")).Version,
        };

        versions.Should().Equal(1, 1, 2, 3);
        (await store.ListAsync(a)).Select(s => s.Version).Should().Equal(1, 2, 3);
    }

    [StoreFact]
    public async Task Concurrent_publishers_on_two_instances_get_distinct_consecutive_versions()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var model = TestPackages.NewModelName();
        var package = TestPackages.Create(model);

        var publishes = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => (i % 2 == 0 ? first : second).PublishAsync(package, $"publisher-{i}", "race")))
            .ToArray();
        var published = await Task.WhenAll(publishes);

        published.Select(p => p.Version).Order().Should().Equal(Enumerable.Range(1, 8));
        (await first.ListAsync(model)).Select(s => s.Version).Should().Equal(Enumerable.Range(1, 8));
    }

    [StoreFact]
    public async Task Round_trip_of_a_package_is_lossless_and_listing_shows_its_columns()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));
        var store = await OpenAsync(time);
        var model = TestPackages.NewModelName();
        var original = TestPackages.Create(model, "random-forest");

        var published = await store.PublishAsync(original, "trainer@ci", "weekly retrain");
        var read = await store.GetAsync(model, published.Version);

        published.Should().BeEquivalentTo(original with { Version = 1 }, o => o.WithStrictOrdering());
        read.Should().NotBeNull();
        read.Should().BeEquivalentTo(published, o => o.WithStrictOrdering());
        ModelPackageJson.Serialize(read!).Should().Equal(ModelPackageJson.Serialize(published));
        read!.CreatedAt.EqualsExact(original.CreatedAt).Should().BeTrue("the offset and every tick are kept");
        read.Lineage.TestTo.EqualsExact(original.Lineage.TestTo).Should().BeTrue();
        read.Schema.Hash.Should().Be(original.Schema.Hash);
        double.IsNaN(read.Metrics["valid.nan"]).Should().BeTrue();

        var summary = (await store.ListAsync(model)).Should().ContainSingle().Subject;
        summary.Should().BeEquivalentTo(new
        {
            Model = model,
            Version = 1,
            Algorithm = "random-forest",
            SchemaHash = original.Schema.Hash,
            PublishedAt = time.GetUtcNow(),
            PublishedBy = "trainer@ci",
            Reason = "weekly retrain",
            Aliases = Array.Empty<string>(),
            Status = ModelStatuses.Candidate,
        });
        summary.Metrics.Should().ContainKey("test.roc_auc").WhoseValue.Should().Be(0.9731234567891234);
        (summary.CreatedAt - original.CreatedAt).Duration().Should().BeLessThan(TimeSpan.FromMilliseconds(0.001));
    }

    [StoreFact]
    public async Task Unknown_versions_and_aliases_read_as_null()
    {
        var store = await OpenAsync();
        var model = TestPackages.NewModelName();
        await store.PublishAsync(TestPackages.Create(model), "alice", "only one");

        (await store.GetAsync(model, 2)).Should().BeNull();
        (await store.GetAsync(TestPackages.NewModelName(), 1)).Should().BeNull();
        (await store.GetAliasAsync(model, ModelAliases.Champion)).Should().BeNull();
        (await store.AliasHistoryAsync(model)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task Aliases_move_and_every_move_is_in_the_history_with_its_previous_version()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));
        var store = await OpenAsync(time);
        var model = TestPackages.NewModelName();
        for (var i = 0; i < 3; i++)
        {
            await store.PublishAsync(TestPackages.Create(model), "trainer", $"v{i + 1}");
        }

        await store.SetAliasAsync(model, ModelAliases.Champion, 1, "alice", "first champion", forced: false);
        time.Advance(TimeSpan.FromMinutes(1));
        await store.SetAliasAsync(model, ModelAliases.Challenger, 2, "alice", "shadow v2", forced: false);
        time.Advance(TimeSpan.FromMinutes(1));
        var promotion = await store.SetAliasAsync(model, ModelAliases.Champion, 2, "bob", "v2 wins", forced: true);
        time.Advance(TimeSpan.FromMinutes(1));
        await store.SetAliasAsync(model, ModelAliases.Challenger, null, "bob", "shadow over", forced: false);
        await store.SetAliasAsync(model, "canary", 3, "carol", "custom alias", forced: false);

        (await store.GetAliasAsync(model, ModelAliases.Champion)).Should().Be(2);
        (await store.GetAliasAsync(model, ModelAliases.Challenger)).Should().BeNull();
        (await store.GetAliasAsync(model, "canary")).Should().Be(3);
        promotion.Should().BeEquivalentTo(new { Model = model, Alias = "champion", PreviousVersion = (int?)1, NewVersion = (int?)2, ChangedBy = "bob", Forced = true });

        var history = await store.AliasHistoryAsync(model);
        history.Select(h => (h.Alias, h.PreviousVersion, h.NewVersion, h.ChangedBy, h.Reason, h.Forced)).Should().Equal(
            ("champion", (int?)null, (int?)1, "alice", "first champion", false),
            ("challenger", null, 2, "alice", "shadow v2", false),
            ("champion", 1, 2, "bob", "v2 wins", true),
            ("challenger", 2, null, "bob", "shadow over", false),
            ("canary", null, 3, "carol", "custom alias", false));
        history.Select(h => h.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        history[2].ChangedAt.Should().Be(new DateTimeOffset(2026, 4, 1, 8, 2, 0, TimeSpan.Zero));
        (await store.PreviousVersionAsync(model, ModelAliases.Champion)).Should().Be(1, "a rollback returns to the previous champion");

        (await store.ListAsync(model)).Select(s => (s.Version, s.Status, string.Join(',', s.Aliases))).Should().Equal(
            (1, ModelStatuses.Archived, string.Empty),
            (2, ModelStatuses.Champion, "champion"),
            (3, "canary", "canary"));
    }

    [StoreFact]
    public async Task Pointing_an_alias_at_an_unpublished_version_fails_and_records_nothing()
    {
        var store = await OpenAsync();
        var model = TestPackages.NewModelName();
        await store.PublishAsync(TestPackages.Create(model), "alice", "v1");

        var act = () => store.SetAliasAsync(model, ModelAliases.Champion, 5, "alice", "typo", forced: false);

        (await act.Should().ThrowAsync<ModelVersionNotFoundException>()).Which.Version.Should().Be(5);
        (await store.GetAliasAsync(model, ModelAliases.Champion)).Should().BeNull();
        (await store.AliasHistoryAsync(model)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task Models_are_listed_once_in_ordinal_order()
    {
        var store = await OpenAsync();
        var prefix = TestPackages.NewModelName();
        foreach (var suffix in new[] { "b", "a", "B", "b" })
        {
            await store.PublishAsync(TestPackages.Create(prefix + suffix), "alice", "listing");
        }

        var models = (await store.ListModelsAsync()).Where(m => m.StartsWith(prefix, StringComparison.Ordinal));
        models.Should().Equal(prefix + "B", prefix + "a", prefix + "b");
        (await store.ListAsync(null)).Where(s => s.Model.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => (s.Model, s.Version)).Should().Equal((prefix + "B", 1), (prefix + "a", 1), (prefix + "b", 1), (prefix + "b", 2));
    }

    [StoreFact]
    public async Task Watch_sees_an_alias_move_made_through_another_instance_within_a_second()
    {
        var watching = await OpenAsync();
        var writing = await OpenAsync();
        var model = TestPackages.NewModelName();
        await writing.PublishAsync(TestPackages.Create(model), "alice", "v1");
        var before = await writing.SetAliasAsync(model, ModelAliases.Champion, 1, "alice", "start", forced: false);
        using var cancel = new CancellationTokenSource(Deadline);
        await using var changes = watching.WatchAsync(before.Sequence, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = changes.MoveNextAsync().AsTask();

        var started = TimeProvider.System.GetTimestamp();
        var move = await writing.SetAliasAsync(model, ModelAliases.Challenger, 1, "bob", "shadow", forced: false);
        var seen = await NextOfAsync(changes, next, model);
        var latency = TimeProvider.System.GetElapsedTime(started);

        seen.Should().Be(move);
        latency.Should().BeLessThan(TimeSpan.FromSeconds(1.5));
    }

    [StoreFact]
    public async Task Watch_from_now_does_not_replay_older_moves_and_resumes_after_a_sequence()
    {
        var watching = await OpenAsync();
        var writing = await OpenAsync();
        var model = TestPackages.NewModelName();
        await writing.PublishAsync(TestPackages.Create(model), "alice", "v1");
        var old = await writing.SetAliasAsync(model, ModelAliases.Champion, 1, "alice", "old", forced: false);
        using var cancel = new CancellationTokenSource(Deadline);

        // "From now" is fixed once the watcher is connected; keep moving the alias until one move is seen.
        await using (var changes = watching.WatchAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token))
        {
            var next = changes.MoveNextAsync().AsTask();
            while (!next.IsCompleted)
            {
                await writing.SetAliasAsync(model, ModelAliases.Challenger, 1, "bob", "poke", forced: false);
                await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(300), cancel.Token));
            }

            (await NextOfAsync(changes, next, model)).Sequence.Should().BeGreaterThan(old.Sequence);
        }

        await using (var resumed = watching.WatchAsync(old.Sequence - 1, cancel.Token).GetAsyncEnumerator(cancel.Token))
        {
            (await NextOfAsync(resumed, resumed.MoveNextAsync().AsTask(), model)).Should().Be(old);
        }
    }

    /// <summary>Opens another instance on the same database or file.</summary>
    private protected abstract Task<IModelRegistryStore> CreateStoreAsync(TimeProvider time);

    private protected async Task<IModelRegistryStore> OpenAsync(TimeProvider? time = null)
    {
        var store = await CreateStoreAsync(time ?? TimeProvider.System);
        _opened.Add((IAsyncDisposable)store);
        return store;
    }

    private static async Task<AliasChange> NextOfAsync(IAsyncEnumerator<AliasChange> changes, Task<bool> next, string model)
    {
        while (true)
        {
            (await next).Should().BeTrue();
            if (changes.Current.Model == model)
            {
                return changes.Current;
            }

            next = changes.MoveNextAsync().AsTask();
        }
    }
}
