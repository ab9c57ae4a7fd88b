namespace FraudActors.Trainer.Simulation;

/// <summary>A scenario as the simulator drives it: one day at a time, then each sorted draft turned into a row.</summary>
internal interface IDayGenerator
{
    /// <summary>Appends every transaction whose event time falls on <paramref name="day"/> (0-based), in any order.</summary>
    void GenerateDay(int day, List<DraftTransaction> output);

    /// <summary>Builds the row for a draft; <paramref name="transactionId"/> is already assigned in time order.</summary>
    SimulatedTransaction Materialize(in DraftTransaction draft, string transactionId);
}
