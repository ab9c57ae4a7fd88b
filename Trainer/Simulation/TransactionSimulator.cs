using System.Runtime.InteropServices;

namespace FraudActors.Trainer.Simulation;

/// <summary>
/// The deterministic transaction simulator. Rows come lazily, in event-time order, one simulated day at a
/// time, so the stream can be endless (<see cref="SimulationOptions.Days"/> = 0) and can feed a live engine.
/// </summary>
internal static class TransactionSimulator
{
    /// <summary>Streams the rows the options describe; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public static IEnumerable<SimulatedTransaction> Generate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } error)
        {
            throw new ArgumentException(error, nameof(options));
        }

        return Stream(options);
    }

    private static IEnumerable<SimulatedTransaction> Stream(SimulationOptions options)
    {
        IDayGenerator generator = options.Scenario == SimulationScenario.Handbook
            ? new HandbookDayGenerator(options)
            : new DefaultDayGenerator(options);

        // Ids are a running number in time order, so they sort like the rows; the handbook used bare numbers.
        var useLetter = options.Scenario != SimulationScenario.Handbook;
        var prefix = options.TransactionIdPrefix;
        var drafts = new List<DraftTransaction>(capacity: 4096);
        long sequence = 0;
        for (var day = 0; options.Days == 0 || day < options.Days; day++)
        {
            drafts.Clear();
            generator.GenerateDay(day, drafts);
            SortByTime(drafts);
            for (var i = 0; i < drafts.Count; i++)
            {
                var id = useLetter ? $"{prefix}T{sequence:D9}" : $"{prefix}{sequence}";
                sequence++;
                yield return generator.Materialize(CollectionsMarshal.AsSpan(drafts)[i], id);
            }
        }
    }

    private static void SortByTime(List<DraftTransaction> drafts) =>
        CollectionsMarshal.AsSpan(drafts).Sort(default(DraftTimeOrder));
}
