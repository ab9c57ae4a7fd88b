namespace FraudActors.Trainer.Evaluation;

/// <summary>One test-period row as the evaluator sees it.</summary>
/// <param name="CardId">The card (customer) the transaction belongs to.</param>
/// <param name="Day">The event day (UTC) of the transaction.</param>
/// <param name="Score">The model's fraud probability.</param>
/// <param name="IsFraud">The true label.</param>
internal readonly record struct ScoredTransaction(string CardId, DateOnly Day, float Score, bool IsFraud);
