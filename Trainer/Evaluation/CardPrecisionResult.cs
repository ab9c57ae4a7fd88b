namespace FraudActors.Trainer.Evaluation;

/// <summary>Card precision@k averaged over the test days, with the per-day figures.</summary>
internal sealed record CardPrecisionResult(int K, double Mean, IReadOnlyList<CardPrecisionDay> Days);
