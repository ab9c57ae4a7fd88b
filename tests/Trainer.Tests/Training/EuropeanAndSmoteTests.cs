using System.Globalization;
using System.Text;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Training;

namespace FraudActors.Trainer.Tests.Training;

public sealed class EuropeanAndSmoteTests
{
    [Fact]
    public void The_european_form_trains_as_its_own_model_kind()
    {
        var path = Path.Combine(Path.GetTempPath(), $"european-{Guid.NewGuid():N}.csv");
        try
        {
            WriteEuropean(path, rows: 6_000);
            var options = new TrainingOptions { Candidates = [CandidateKind.BoostedTrees], Search = false };

            var outcome = TrainCommand.Run(new TrainCommand.DataSource(path, null), options, skipBad: false, TimeProvider.System, TextWriter.Null);

            outcome.Package.ModelName.Should().Be("european");
            outcome.Package.Schema.Name.Should().Be("plain-columns");
            outcome.Package.Schema.Count.Should().Be(30);
            outcome.Test.AveragePrecision.Should().BeGreaterThan(0.5);
            outcome.Periods.TestFrom.Should().BeOnOrAfter(outcome.Periods.TrainTo);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_bad_european_row_names_its_line_and_column()
    {
        var path = Path.Combine(Path.GetTempPath(), $"european-{Guid.NewGuid():N}.csv");
        try
        {
            WriteEuropean(path, rows: 10);
            var lines = File.ReadAllLines(path);
            lines[4] = lines[4].Replace(lines[4].Split(',')[3], "abc", StringComparison.Ordinal);
            File.WriteAllLines(path, lines);

            var act = () => Datasets.EuropeanCsvReader.Read(path, skipBad: false, out _);

            act.Should().Throw<InvalidDataException>().WithMessage("*line 5: column 'V3' must be a finite number, got 'abc'*");
            Datasets.EuropeanCsvReader.Read(path, skipBad: true, out var skipped).Rows.Should().Be(9);
            skipped.Count.Should().Be(1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Smote_interpolates_between_fraud_rows_only()
    {
        var random = new Random(4);
        const int columns = 3;
        var values = new float[200 * columns];
        var labels = new float[200];
        for (var i = 0; i < 200; i++)
        {
            labels[i] = i % 10 == 0 ? 1 : 0;
            for (var c = 0; c < columns; c++)
            {
                values[(i * columns) + c] = labels[i] > 0 ? 100 + (float)random.NextDouble() : (float)random.NextDouble();
            }
        }

        values[2] = float.NaN; // a missing value in a fraud row stays missing in its offspring

        var (outValues, outLabels) = Smote.Oversample(values, labels, columns, ratio: 2, neighbours: 5, seed: 1);

        outLabels.Length.Should().Be(200 + 40);
        outLabels.Skip(200).Should().OnlyContain(l => l == 1f);
        outValues.AsSpan(0, values.Length).ToArray().Should().Equal(values, (a, b) => a.Equals(b), "real rows are untouched");
        for (var s = 200; s < 240; s++)
        {
            for (var c = 0; c < columns; c++)
            {
                var v = outValues[(s * columns) + c];
                (float.IsNaN(v) || (v >= 100 && v <= 101)).Should().BeTrue("synthetic rows lie between fraud rows");
            }
        }
    }

    [Fact]
    public async Task Train_without_data_is_one_readable_line_and_a_non_zero_exit()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var code = await TrainerCli.RunAsync(["train", "--out", "x.json"], output, errors, TimeProvider.System);

        code.Should().NotBe(0);
        errors.ToString().Trim().Should().Be("error: give exactly one of --data FILE or --scenario default|handbook.");
    }

    private static void WriteEuropean(string path, int rows)
    {
        var random = new Random(8);
        var text = new StringBuilder("Time," + string.Join(',', Enumerable.Range(1, 28).Select(i => $"V{i}")) + ",Amount,Class\n");
        for (var i = 0; i < rows; i++)
        {
            var fraud = random.NextDouble() < 0.02;
            text.Append(CultureInfo.InvariantCulture, $"{i * 20}");
            for (var v = 1; v <= 28; v++)
            {
                var signal = fraud && v <= 3 ? 2.5 : 0;
                text.Append(CultureInfo.InvariantCulture, $",{Gaussian(random) + signal:F4}");
            }

            text.Append(CultureInfo.InvariantCulture, $",{random.NextDouble() * 200:F2},{(fraud ? 1 : 0)}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
