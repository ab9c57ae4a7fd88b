using System.CommandLine;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Registry;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;
using FraudActors.Tests.Shared;

namespace FraudActors.Trainer.Tests.Registry;

/// <summary>
/// <c>trainer promote</c> and <c>trainer rollback</c> against a temporary SQLite registry, through a root command
/// built like TrainerCli's (until TrainerCli registers them).
/// </summary>
public sealed class RegistryCliTests : IAsyncLifetime
{
    private const string Model = "card-behaviour";
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-registry-cli-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _errors = new();
    private SqliteModelRegistryStore _store = null!;

    private string DatabasePath => Path.Combine(_directory, "registry.db");

    public async Task InitializeAsync()
    {
        _store = await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = DatabasePath });
        await _store.PublishAsync(LinearPackages.Create(averagePrecision: 0.50), "alice", "v1");
        await _store.PublishAsync(LinearPackages.Create(averagePrecision: 0.40), "alice", "v2 (worse)");
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Promote_prints_the_gate_table_and_moves_the_alias()
    {
        var exit = await RunAsync("promote", Model, "--version", "1", "--alias", "champion", "--by", "bob", "--reason", "first");

        exit.Should().Be(0, _errors.ToString());
        var text = _output.ToString();
        text.Should().Contain("gate for card-behaviour v1 → champion");
        foreach (var check in new[] { GateChecks.Loads, GateChecks.FiniteProbabilities, GateChecks.Schema, GateChecks.AveragePrecisionFloor, GateChecks.NotWorseThanChampion })
        {
            text.Should().MatchRegex($"(?m)^{check} +pass ");
        }

        text.TrimEnd().Should().EndWith("promoted card-behaviour v1 to champion");
        (await _store.GetAliasAsync(Model, ModelAliases.Champion)).Should().Be(1);
        (await _store.AliasHistoryAsync(Model)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { ChangedBy = "bob", Reason = "first", Forced = false });
    }

    [Fact]
    public async Task A_refused_promotion_names_the_failed_checks_with_the_delta_and_exits_1()
    {
        await _store.SetAliasAsync(Model, ModelAliases.Champion, 1, "alice", "start", forced: false);

        var exit = await RunAsync("promote", Model, "--version", "2", "--alias", "champion");

        exit.Should().Be(1);
        var text = _output.ToString();
        text.Should().MatchRegex(@"(?m)^vs-champion +FAIL +yes +0\.4 +0\.48 +0\.5 +-0\.1000 ");
        text.TrimEnd().Should().EndWith("refused: vs-champion");
        (await _store.GetAliasAsync(Model, ModelAliases.Champion)).Should().Be(1);
    }

    [Fact]
    public async Task Force_says_so_and_is_recorded()
    {
        await _store.SetAliasAsync(Model, ModelAliases.Champion, 1, "alice", "start", forced: false);

        var exit = await RunAsync("promote", Model, "--version", "2", "--alias", "champion", "--force", "--reason", "drill");

        exit.Should().Be(0);
        _output.ToString().Should().Contain("FORCED past failed checks: vs-champion").And.Contain("promoted card-behaviour v2 to champion");
        var last = (await _store.AliasHistoryAsync(Model))[^1];
        (last.NewVersion, last.Forced).Should().Be((2, true));
        last.Reason.Should().StartWith("drill");
    }

    [Fact]
    public async Task A_challenger_is_not_held_to_the_metric_checks()
    {
        await _store.SetAliasAsync(Model, ModelAliases.Champion, 1, "alice", "start", forced: false);

        var exit = await RunAsync("promote", Model, "--version", "2", "--alias", "challenger");

        exit.Should().Be(0);
        _output.ToString().Should().MatchRegex(@"(?m)^vs-champion +FAIL +no ");
        (await _store.GetAliasAsync(Model, ModelAliases.Challenger)).Should().Be(2);
    }

    [Fact]
    public async Task Json_lists_every_check_with_values_and_the_outcome()
    {
        await _store.SetAliasAsync(Model, ModelAliases.Champion, 1, "alice", "start", forced: false);

        var exit = await RunAsync("promote", Model, "--version", "2", "--alias", "champion", "--json");

        exit.Should().Be(1);
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        root.GetProperty("applied").GetBoolean().Should().BeFalse();
        root.GetProperty("championVersion").GetInt32().Should().Be(1);
        root.GetProperty("failedChecks").EnumerateArray().Select(e => e.GetString()).Should().Equal(GateChecks.NotWorseThanChampion);
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        checks.Should().HaveCount(5);
        checks[^1].GetProperty("delta").GetDouble().Should().BeApproximately(-0.1, 1e-9);
    }

    [Fact]
    public async Task Rollback_returns_to_the_previous_champion_or_says_why_it_cannot()
    {
        (await RunAsync("rollback", Model)).Should().Be(1);
        _errors.ToString().Should().Be("error: model 'card-behaviour' has no champion to roll back" + Environment.NewLine);

        await RunAsync("promote", Model, "--version", "1", "--alias", "champion");
        await RunAsync("promote", Model, "--version", "2", "--alias", "champion", "--force");
        _output.GetStringBuilder().Clear();

        var exit = await RunAsync("rollback", Model, "--reason", "v2 misbehaves", "--by", "carol");

        exit.Should().Be(0);
        _output.ToString().Trim().Should().Be("rolled back card-behaviour champion v2 → v1");
        var last = (await _store.AliasHistoryAsync(Model))[^1];
        (last.PreviousVersion, last.NewVersion, last.ChangedBy, last.Reason).Should().Be(((int?)2, (int?)1, "carol", "v2 misbehaves"));
    }

    [Fact]
    public async Task A_version_never_published_is_one_line_and_exit_1()
    {
        var exit = await RunAsync("promote", Model, "--version", "9", "--alias", "champion");

        exit.Should().Be(1);
        _errors.ToString().Should().StartWith("error: Model 'card-behaviour' has no version 9").And.NotContain("   at ");
    }

    [Fact]
    public void A_real_trained_package_loads_scores_finitely_and_matches_the_silos_schema()
    {
        var source = new TrainCommand.DataSource(null, new SimulationOptions { Seed = 3, Cards = 300, Days = 50 });
        var options = new TrainingOptions { Candidates = [CandidateKind.BoostedTrees], Search = false, TrainDays = 10, ValidDays = 3, TestDays = 5, DelayDays = 3 };
        var outcome = TrainCommand.Run(source, options, skipBad: false, TimeProvider.System, TextWriter.Null);

        var result = new PromotionGate(new PromotionGateOptions()).Evaluate(outcome.Package with { Version = 1 }, null, ModelAliases.Champion);

        result.Checks.Take(3).Should().OnlyContain(c => c.Passed, string.Join("; ", result.Checks.Select(c => c.Detail)));
        result.Checks[1].Detail.Should().Contain("4007 predictions");
    }

    private async Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand("test")
        {
            PromoteCommand.Create(_output, _errors),
            RollbackCommand.Create(_output, _errors),
        };
        var parse = root.Parse([.. args, "--registry", DatabasePath]);
        parse.Errors.Should().BeEmpty();
        return await parse.InvokeAsync(new InvocationConfiguration { Output = _output, Error = _errors });
    }
}
