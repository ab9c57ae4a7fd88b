namespace FraudActors.Trainer.Training;

/// <summary>The data cannot support the requested training; the message says what to change.</summary>
internal sealed class TrainingDataException(string message) : Exception(message);
