using FraudActors.Trainer.Csv;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Tests.Simulation;

/// <summary>Small, shared simulator runs, generated once per test process.</summary>
internal static class SimulationRuns
{
    /// <summary>5,000 cards for 30 days: about 280k rows, enough for every fraud pattern to show up many times.</summary>
    public static SimulationOptions DefaultOptions { get; } = new() { Cards = 5_000, Merchants = 1_000, Days = 30, Seed = 7 };

    private static readonly Lazy<IReadOnlyList<SimulatedTransaction>> DefaultRun =
        new(() => TransactionSimulator.Generate(DefaultOptions).ToList());

    public static IReadOnlyList<SimulatedTransaction> Default => DefaultRun.Value;

    public static byte[] ToCsv(IEnumerable<SimulatedTransaction> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TransactionCsvWriter(buffer, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                writer.Write(row);
            }
        }

        return buffer.ToArray();
    }
}
