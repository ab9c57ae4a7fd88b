using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Csv;

namespace FraudActors.Trainer.Tests.Training;

public sealed class ImportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("import-").FullName;

    [Fact]
    public async Task A_bad_row_stops_the_import_with_its_line_and_column()
    {
        var input = WriteRaw(badAmountOnLine3: true);

        var (code, _, errors) = await RunAsync("import", "--in", input, "--out", Path.Combine(_directory, "out.csv"));

        code.Should().Be(1);
        errors.Trim().Should().StartWith("error: ").And.Contain("line 3: column 'amount'").And.Contain("--skip-bad");
        errors.Trim().Split('\n').Should().HaveCount(1, "one readable line, no stack trace");
    }

    [Fact]
    public async Task Skip_bad_counts_and_reports_and_writes_the_rest_in_time_order()
    {
        var input = WriteRaw(badAmountOnLine3: true);
        var output = Path.Combine(_directory, "out.csv");

        var (code, text, _) = await RunAsync("import", "--in", input, "--out", output, "--skip-bad");

        code.Should().Be(0);
        text.Should().Contain("imported 3 transactions rows (1 frauds), skipped 1 bad rows (first: line 3: column 'amount'");
        var rows = TransactionCsvReader.ReadAll(output).ToList();
        rows.Select(r => r.Transaction.TransactionId).Should().Equal("t4", "t1", "t2");
        rows.Select(r => r.Transaction.Timestamp).Should().BeInAscendingOrder();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteRaw(bool badAmountOnLine3)
    {
        var path = Path.Combine(_directory, "raw.csv");
        File.WriteAllLines(path,
        [
            TransactionCsvSchema.Header,
            "t1,c1,2026-01-02T10:00:00Z,12.50,EUR,m1,grocery,card_present,Lyon,45.76,4.84,,0,",
            $"t3,c1,2026-01-02T11:00:00Z,{(badAmountOnLine3 ? "abc" : "3.00")},EUR,m1,grocery,card_present,,,,,0,",
            "t2,c2,2026-01-03T09:00:00Z,900.00,EUR,m2,electronics,online,,,,dev-9,1,stolen_card",
            "t4,c3,2026-01-01T08:00:00Z,5.00,EUR,m3,restaurant,card_present,\"Washington, D.C.\",38.9,-77.0,,0,",
        ]);
        return path;
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await TrainerCli.RunAsync(args, output, errors, TimeProvider.System);
        return (code, output.ToString(), errors.ToString());
    }
}
