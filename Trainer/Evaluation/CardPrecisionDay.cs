namespace FraudActors.Trainer.Evaluation;

/// <summary>One test day: the precision of its top k cards, how many of them were compromised, and how many compromised cards there were.</summary>
internal sealed record CardPrecisionDay(DateOnly Day, double Precision, int DetectedInTopK, int CompromisedCards);
