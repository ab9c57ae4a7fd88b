using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Trainer.Simulation;

/// <summary>One simulated (or imported) row: the transaction as the engine sees it, plus its ground truth.</summary>
/// <param name="Transaction">What the engine receives.</param>
/// <param name="IsFraud">The label.</param>
/// <param name="FraudScenario">Which injected pattern produced the fraud (see <see cref="FraudScenarios"/>); null for genuine rows.</param>
internal sealed record SimulatedTransaction(CardTransaction Transaction, bool IsFraud, string? FraudScenario);
