using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;

namespace FraudActors.Trainer.Datasets;

/// <summary>Turns a data source (a transaction CSV, the European form, or a simulation) into feature rows and their lineage.</summary>
internal static class TrainingInput
{
    public static (FeatureTable Table, ModelLineageSource Lineage, bool PlainColumns) Load(string? path, SimulationOptions? simulation, int labelDelayDays, bool skipBad, TextWriter progress, CancellationToken cancellationToken = default)
    {
        if (path is not null && EuropeanCsvReader.IsEuropeanHeader(File.ReadLines(path).FirstOrDefault() ?? ""))
        {
            var table = EuropeanCsvReader.Read(path, skipBad, out var skippedColumns);
            Report(progress, skippedColumns);
            return (table, new ModelLineageSource(Path.GetFullPath(path), TransactionHistory.Sha256Of(path)), true);
        }

        List<SimulatedTransaction> rows;
        ModelLineageSource lineage;
        if (path is not null)
        {
            (rows, lineage) = TransactionHistory.FromFile(path, skipBad, out var skipped);
            Report(progress, skipped);
        }
        else
        {
            (rows, lineage) = TransactionHistory.FromSimulation(simulation ?? throw new ArgumentNullException(nameof(simulation)), cancellationToken);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException("the data holds no transactions.");
        }

        return (FeatureReplay.Build(rows, labelDelayDays, cancellationToken: cancellationToken), lineage, false);
    }

    private static void Report(TextWriter progress, ImportProblems skipped)
    {
        if (skipped.Count > 0)
        {
            progress.WriteLine($"warning: skipped {skipped.Count:N0} bad rows; first: {string.Join(" | ", skipped.First)}");
        }
    }
}
