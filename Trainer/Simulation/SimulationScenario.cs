namespace FraudActors.Trainer.Simulation;

/// <summary>Which world the simulator generates.</summary>
internal enum SimulationScenario
{
    /// <summary>Cardholders in real cities with rhythms, travel and four injected fraud patterns.</summary>
    Default = 0,

    /// <summary>The Fraud-Detection-Handbook simulator (Le Borgne et al.): a 100×100 grid and its three fraud scenarios.</summary>
    Handbook = 1,
}
