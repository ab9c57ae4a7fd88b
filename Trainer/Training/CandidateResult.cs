namespace FraudActors.Trainer.Training;

/// <summary>One candidate's validation figures (the test period is not looked at for the choice).</summary>
internal sealed record CandidateResult(string Name, int Rounds, double ValidationAveragePrecision, double ValidationRocAuc, double Seconds);
