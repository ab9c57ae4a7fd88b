using System.CommandLine;
using System.Text.Json;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Silo.Audit.Sqlite;
using FraudActors.Silo.Storage.Sqlite;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Reporting;

namespace FraudActors.Trainer.Tests.Reporting;

public sealed class AuditCommandsTests(AuditedModel fixture) : IClassFixture<AuditedModel>
{
    [Fact]
    public async Task Every_audited_decision_replays_identically()
    {
        using var audit = SqliteAuditStore.Open(fixture.DatabasePath);
        var registry = await SqliteModelRegistryStore.OpenAsync(new SqliteStoreOptions { Path = fixture.DatabasePath });
        await using var _ = registry;
        var decisions = new HashSet<DecisionKind>();
        var withReasons = 0;

        for (var i = 0; i < AuditedModel.Decisions; i++)
        {
            var outcome = await DecisionReplay.RunAsync(audit, registry, AuditedModel.Id(i), CancellationToken.None);
            outcome.Differences.Should().BeEmpty();
            decisions.Add(outcome.Stored.Decision);
            withReasons += outcome.Stored.Reasons.Count > 0 ? 1 : 0;
        }

        decisions.Should().HaveCountGreaterThan(1, "the fixture should exercise more than one decision");
        withReasons.Should().BeGreaterThan(AuditedModel.Decisions / 2);
    }

    [Fact]
    public async Task Replay_prints_stored_and_recomputed_and_exits_0_when_identical()
    {
        var (code, output, errors) = await RunAsync("replay", "--transaction", AuditedModel.Id(7), "--sqlite", fixture.DatabasePath);

        code.Should().Be(0, errors);
        output.Should().Contain("stored").And.Contain("recomputed").And.Contain("probability").And.EndWith("identical: yes" + Environment.NewLine);
        errors.Should().BeEmpty();

        var (jsonCode, json, _) = await RunAsync("replay", "--transaction", AuditedModel.Id(8), "--sqlite", fixture.DatabasePath, "--json");
        jsonCode.Should().Be(0);
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("identical").GetBoolean().Should().BeTrue();
        document.RootElement.GetProperty("stored").GetProperty("Features").GetArrayLength().Should().Be(26);
    }

    [Fact]
    public async Task A_tampered_row_replays_as_different_with_exit_code_1()
    {
        using var audit = SqliteAuditStore.Open(fixture.DatabasePath);
        var original = (await audit.GetAsync(AuditedModel.Id(3)))!;
        var tampered = original with { TransactionId = "tampered-3", DecisionTime = original.DecisionTime.AddDays(-10), Probability = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(original.Probability) + 1) };
        await audit.WriteAsync([tampered], CancellationToken.None);

        var (code, output, _) = await RunAsync("replay", "--transaction", "tampered-3", "--sqlite", fixture.DatabasePath);

        code.Should().Be(1);
        output.Should().Contain("identical: no (differs in probability");
    }

    [Theory]
    [InlineData("replay --transaction no-such-id", "error: transaction 'no-such-id' is not in the audit log.")]
    [InlineData("report --hours 0", "error: --hours must be above 0")]
    public async Task Bad_input_gives_one_line_and_exit_code_2(string arguments, string expected)
    {
        var (code, output, errors) = await RunAsync([.. arguments.Split(' '), "--sqlite", fixture.DatabasePath]);

        code.Should().Be(2);
        output.Should().BeEmpty();
        errors.Should().StartWith(expected).And.EndWith(Environment.NewLine);
        errors.TrimEnd().Should().NotContain("\n");
    }

    [Fact]
    public async Task A_missing_store_file_gives_one_line_and_exit_code_2()
    {
        var missing = Path.Combine(Path.GetTempPath(), "fa-missing-" + Guid.NewGuid().ToString("N"), "fraudactors.db");

        var (code, _, errors) = await RunAsync("report", "--hours", "1", "--sqlite", missing);

        code.Should().Be(2);
        errors.Should().Be($"error: no audit log at '{missing}'; give --sqlite PATH or --postgres CONNSTR.{Environment.NewLine}");
        File.Exists(missing).Should().BeFalse("a report must not create a store");
    }

    [Fact]
    public async Task Report_shows_the_window_as_a_table_and_as_json()
    {
        fixture.Clock.GetUtcNow().Should().Be(new DateTimeOffset(2030, 3, 1, 12, 1, 0, TimeSpan.Zero));

        var (code, text, errors) = await RunAsync("report", "--hours", "1", "--sqlite", fixture.DatabasePath);

        code.Should().Be(0, errors);
        text.Should().Contain("volume").And.Contain($"{AuditedModel.Decisions,12:N0}").And.Contain("card-behaviour v1").And.Contain("none have arrived");

        var (jsonCode, json, _) = await RunAsync("report", "--hours", "1", "--sqlite", fixture.DatabasePath, "--json");
        jsonCode.Should().Be(0);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("Volume").GetInt64().Should().Be(AuditedModel.Decisions);
        (root.GetProperty("Approved").GetInt64() + root.GetProperty("Reviewed").GetInt64() + root.GetProperty("Declined").GetInt64())
            .Should().Be(root.GetProperty("Volume").GetInt64());
        root.GetProperty("Models")[0].GetProperty("ModelVersion").GetInt32().Should().Be(1);
        root.GetProperty("Labels").GetProperty("Labelled").GetInt64().Should().Be(0);
    }

    private async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var root = new RootCommand("test") { ReportCommand.Create(fixture.Clock, output, errors), ReplayCommand.Create(output, errors) };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        return (code, output.ToString(), errors.ToString());
    }
}
