using BenchmarkDotNet.Attributes;
using FraudActors.Trainer.Csv;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Benchmarks.Simulation;

/// <summary>
/// Simulator throughput: rows generated per second, alone and with CSV formatting into a null stream
/// (I/O kept out of the measurement). Each operation produces about 100k rows; divide to get per-row cost.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    private static readonly SimulationOptions DefaultScenario = new() { Cards = 5_000, Merchants = 1_000, Days = 11, Seed = 42 };
    private static readonly SimulationOptions HandbookScenario = SimulationOptions.ForHandbook() with { Cards = 2_500, Days = 20 };

    [Benchmark(Description = "default: generate ~100k rows")]
    public long GenerateDefault() => Count(DefaultScenario);

    [Benchmark(Description = "handbook: generate ~100k rows")]
    public long GenerateHandbook() => Count(HandbookScenario);

    [Benchmark(Description = "default: generate + CSV to a null stream")]
    public long GenerateDefaultToCsv() => WriteCsv(DefaultScenario);

    [Benchmark(Description = "handbook: generate + CSV to a null stream")]
    public long GenerateHandbookToCsv() => WriteCsv(HandbookScenario);

    private static long Count(SimulationOptions options)
    {
        long rows = 0;
        foreach (var row in TransactionSimulator.Generate(options))
        {
            rows += row.IsFraud ? 2 : 1;
        }

        return rows;
    }

    private static long WriteCsv(SimulationOptions options)
    {
        using var writer = new TransactionCsvWriter(Stream.Null);
        foreach (var row in TransactionSimulator.Generate(options))
        {
            writer.Write(row);
        }

        return writer.RowsWritten;
    }
}
