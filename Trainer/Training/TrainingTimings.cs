namespace FraudActors.Trainer.Training;

/// <summary>Where the training time went, in seconds.</summary>
internal sealed record TrainingTimings(double Features, double Candidates, double Refit, double Evaluation, double Total);
