using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Abstractions.Scoring;
using FraudActors.Grains.Scoring;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Silo.Tests.Runtime;
using FraudActors.Tests.Shared;

namespace FraudActors.Silo.Tests.Registry;

public sealed class ModelRegistryGrainTests : IAsyncLifetime
{
    private const string Model = "card-behaviour";
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-registry-grain-").FullName;
    private SqliteModelRegistryStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(_directory, "registry.db"), PollInterval = TimeSpan.FromMilliseconds(10) });
        await _store.PublishAsync(LinearPackages.Create(averagePrecision: 0.50, weight: 0.05f), "alice", "v1");
        await _store.PublishAsync(LinearPackages.Create(averagePrecision: 0.52, weight: 0.04f, bias: -1.5f), "alice", "v2");
        await _store.PublishAsync(LinearPackages.Create(averagePrecision: 0.30), "alice", "v3 (weak)");
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_promotion_that_passes_moves_the_alias_and_returns_once_this_silo_serves_it()
    {
        await using var silo = await RegistrySilo.StartAsync(_store);

        var result = await silo.Registry().PromoteAsync(2, ModelAliases.Champion, force: false, "bob", "better");

        result.Applied.Should().BeTrue();
        result.Served.Should().BeTrue();
        result.Forced.Should().BeFalse();
        silo.Models.Get(Model)!.Version.Should().Be(2);
        (await silo.Grains.GetGrain<IScoringGrain>(Model).ScoreAsync(default, default))!.ModelVersion.Should().Be(2);
        result.Change.Should().BeEquivalentTo(new { Alias = ModelAliases.Champion, NewVersion = (int?)2, ChangedBy = "bob", Reason = "better", Forced = false });
    }

    [Fact]
    public async Task A_refused_promotion_changes_nothing_and_says_which_checks_failed()
    {
        await _store.SetAliasAsync(Model, ModelAliases.Champion, 2, "alice", "start", forced: false);
        await using var silo = await RegistrySilo.StartAsync(_store);
        await Eventually.TrueAsync(() => silo.Models.Get(Model)?.Version == 2, "v2 serves");

        var result = await silo.Registry().PromoteAsync(3, ModelAliases.Champion, force: false, "bob", "try");

        result.Applied.Should().BeFalse();
        result.Gate.ChampionVersion.Should().Be(2);
        result.Gate.FailedChecks.Should().Equal(GateChecks.NotWorseThanChampion);
        result.Gate.Checks.Single(c => c.Name == GateChecks.NotWorseThanChampion).Delta.Should().BeApproximately(-0.22, 1e-9);
        (await _store.GetAliasAsync(Model, ModelAliases.Champion)).Should().Be(2);
        (await _store.AliasHistoryAsync(Model)).Should().ContainSingle();
    }

    [Fact]
    public async Task Force_moves_the_alias_past_failed_checks_and_the_history_records_it()
    {
        await _store.SetAliasAsync(Model, ModelAliases.Champion, 2, "alice", "start", forced: false);
        await using var silo = await RegistrySilo.StartAsync(_store);

        var result = await silo.Registry().PromoteAsync(3, ModelAliases.Champion, force: true, "bob", "incident drill");

        result.Applied.Should().BeTrue();
        result.Forced.Should().BeTrue();
        result.Served.Should().BeTrue();
        var last = (await _store.AliasHistoryAsync(Model))[^1];
        last.Forced.Should().BeTrue();
        last.Reason.Should().Be("incident drill [FORCED past failed checks: vs-champion]");
    }

    [Fact]
    public async Task Rollback_returns_to_the_previous_champion_and_status_shows_the_history()
    {
        await using var silo = await RegistrySilo.StartAsync(_store);
        var registry = silo.Registry();
        (await registry.RollbackAsync("bob", "nothing yet")).Applied.Should().BeFalse();
        await registry.PromoteAsync(1, ModelAliases.Champion, false, "bob", "first");
        (await registry.RollbackAsync("bob", "only one")).Should().BeEquivalentTo(new { Applied = false, From = (int?)1 });
        await registry.PromoteAsync(2, ModelAliases.Champion, false, "bob", "second");

        var rollback = await registry.RollbackAsync("carol", "v2 misbehaves");

        rollback.Should().BeEquivalentTo(new { Applied = true, Served = true, From = (int?)2, To = (int?)1 });
        silo.Models.Get(Model)!.Version.Should().Be(1);
        var status = await registry.GetStatusAsync();
        status.Champion.Should().Be(1);
        status.ServingChampion.Should().Be(1);
        status.Versions.Select(v => v.Version).Should().Equal(1, 2, 3);
        status.History.Select(h => (h.PreviousVersion, h.NewVersion, h.ChangedBy)).Should().Equal(((int?)null, (int?)1, "bob"), (1, 2, "bob"), (2, 1, "carol"));
    }

    [Fact]
    public async Task A_version_never_published_is_reported_not_guessed()
    {
        await using var silo = await RegistrySilo.StartAsync(_store);

        var act = async () => await silo.Registry().PromoteAsync(42, ModelAliases.Champion, false, "bob", "typo");

        (await act.Should().ThrowAsync<ModelVersionNotFoundException>()).Which.Version.Should().Be(42);
    }

    [Fact]
    public async Task A_challenger_is_shadow_scored_on_every_call_and_the_registry_reports_the_comparison()
    {
        await using var silo = await RegistrySilo.StartAsync(_store);
        var registry = silo.Registry();
        await registry.PromoteAsync(1, ModelAliases.Champion, false, "bob", "champion");
        var challenger = await registry.PromoteAsync(2, ModelAliases.Challenger, false, "bob", "shadow it");
        challenger.Served.Should().BeTrue();
        var scoring = silo.Grains.GetGrain<IScoringGrain>(Model);
        var champion = silo.Models.Get(Model)!;
        var shadow = silo.Models.GetChallenger(Model)!;
        long agreements = 0, championAlerts = 0, challengerAlerts = 0;
        const int Calls = 400;
        for (var i = 0; i < Calls; i++)
        {
            var card = new CardFeatures { Amount = i % 40, TxCount1h = i % 7 };
            var score = (await scoring.ScoreAsync(card, default))!;
            score.ModelVersion.Should().Be(1);
            var row = new float[champion.Evaluator.FeatureCount];
            card.CopyTo(row);
            var other = shadow.Package.Thresholds.Decide(shadow.Evaluator.PredictProbability(row));
            agreements += other == score.Decision ? 1 : 0;
            championAlerts += score.Decision != Grains.Abstractions.Decisions.DecisionKind.Approve ? 1 : 0;
            challengerAlerts += other != Grains.Abstractions.Decisions.DecisionKind.Approve ? 1 : 0;
        }

        await Eventually.TrueAsync(() => silo.Shadow.Scored == Calls, "the shadow scorer caught up");
        var stats = (await registry.GetShadowStatsAsync()).Should().ContainSingle().Subject;

        (stats.ChampionVersion, stats.ChallengerVersion, stats.Count).Should().Be((1, 2, (long)Calls));
        (stats.Agreements, stats.ChampionAlerts, stats.ChallengerAlerts).Should().Be((agreements, championAlerts, challengerAlerts));
        stats.Correlation.Should().BeGreaterThan(0.9);
        var status = await registry.GetStatusAsync();
        (status.Challenger, status.ServingChallenger, status.ShadowDropped).Should().Be((2, 2, 0L));
        status.Shadow.Should().ContainSingle().Which.Count.Should().Be(Calls);

        // Persisted in the grain's state, so it survives the activation.
        var stored = await silo.Storage.ReadAsync(new GrainId("model-registry", Model), CancellationToken.None);
        stored.Should().NotBeNull();
    }

    [Fact]
    public async Task Removing_the_challenger_stops_shadow_scoring()
    {
        await using var silo = await RegistrySilo.StartAsync(_store);
        await silo.Registry().PromoteAsync(1, ModelAliases.Champion, false, "bob", "champion");
        await silo.Registry().PromoteAsync(2, ModelAliases.Challenger, false, "bob", "shadow");

        await _store.SetAliasAsync(Model, ModelAliases.Challenger, null, "bob", "done comparing", forced: false);

        await Eventually.TrueAsync(() => silo.Models.GetChallenger(Model) is null, "the challenger is unloaded");
        var before = silo.Shadow.Enqueued;
        await silo.Grains.GetGrain<IScoringGrain>(Model).ScoreAsync(default, default);
        silo.Shadow.Enqueued.Should().Be(before);
    }
}
