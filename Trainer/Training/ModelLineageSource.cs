namespace FraudActors.Trainer.Training;

/// <summary>What the training data was (a file or a simulated scenario) and the hash of its content.</summary>
internal sealed record ModelLineageSource(string Description, string Sha256);
