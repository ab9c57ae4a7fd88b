using System.Text.Json;
using FraudActors.Trainer.Cli;

namespace FraudActors.Trainer.Tests.Simulation;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("simulate-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Writes_the_csv_and_a_one_line_summary()
    {
        var path = Path.Combine(_directory, "out.csv");

        var (exit, output, errors) = await Run("simulate", "--seed", "4", "--cards", "300", "--merchants", "100", "--days", "5", "--start", "2026-02-01", "--out", path);

        exit.Should().Be(0, errors);
        errors.Should().BeEmpty();
        var lines = File.ReadAllLines(path);
        lines[0].Should().StartWith("transaction_id,card_id,timestamp,");
        lines[1].Should().Contain(",2026-02-01T");
        output.TrimEnd().Should().NotContain("\n")
            .And.StartWith($"simulate default seed 4: {lines.Length - 1:N0} rows, ")
            .And.Contain(" cards, ").And.Contain(" frauds (").And.Contain(" rows/s -> " + path);
    }

    [Fact]
    public async Task Json_summary_has_counts_per_scenario()
    {
        var path = Path.Combine(_directory, "hb.csv");

        var (exit, output, errors) = await Run("simulate", "--scenario", "handbook", "--cards", "200", "--merchants", "400", "--days", "20", "--out", path, "--json");

        exit.Should().Be(0, errors);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("scenario").GetString().Should().Be("handbook");
        root.GetProperty("start").GetString().Should().Be("2018-04-01");
        root.GetProperty("rows").GetInt64().Should().Be(File.ReadLines(path).LongCount() - 1);
        root.GetProperty("frauds").GetInt64().Should().BeGreaterThan(0);
        root.GetProperty("byScenario").EnumerateObject().Sum(p => p.Value.GetProperty("frauds").GetInt64())
            .Should().Be(root.GetProperty("frauds").GetInt64());
        root.GetProperty("out").GetString().Should().Be(path);
    }

    [Theory]
    [InlineData("--cards", "abc")]
    [InlineData("--cards", "0")]
    [InlineData("--days", "0")]
    [InlineData("--days", "-1")]
    [InlineData("--scenario", "nope")]
    [InlineData("--start", "2026-13-01")]
    [InlineData("--fraud-multiplier", "-2")]
    [InlineData("--out", "/nonexistent-dir/x.csv")]
    [InlineData("--bogus", "1")]
    public async Task Bad_arguments_give_one_line_on_stderr_and_a_failing_exit_code(string option, string value)
    {
        string[] args = option == "--out"
            ? ["simulate", "--cards", "10", "--days", "1", option, value]
            : ["simulate", "--out", Path.Combine(_directory, "x.csv"), option, value];

        var (exit, output, errors) = await Run(args);

        exit.Should().NotBe(0);
        output.Should().BeEmpty();
        errors.TrimEnd().Should().StartWith("error: ").And.NotContain("\n").And.NotContain("   at ");
    }

    [Fact]
    public async Task A_missing_out_option_is_reported()
    {
        var (exit, _, errors) = await Run("simulate", "--cards", "10");

        exit.Should().NotBe(0);
        errors.Should().Contain("--out");
    }

    private static async Task<(int Exit, string Output, string Errors)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await TrainerCli.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }
}
