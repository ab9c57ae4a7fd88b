using FraudActors.Trainer.Evaluation;

namespace FraudActors.Trainer.Training;

/// <summary>What <c>trainer train</c> does; every default is documented in the README.</summary>
internal sealed record TrainingOptions
{
    public string ModelName { get; init; } = "card-behaviour";

    /// <summary>First training day; default: 30 days after the first day of data, so the 30-day windows are warm.</summary>
    public DateOnly? TrainStart { get; init; }

    public int TrainDays { get; init; } = 14;

    /// <summary>The last days of the training period, used for model choice, early stopping and thresholds.</summary>
    public int ValidDays { get; init; } = 3;

    /// <summary>The assumed label delay: the gap between training and test, and the merchant windows' shift.</summary>
    public int DelayDays { get; init; } = 7;

    public int TestDays { get; init; } = 14;

    public IReadOnlyList<CandidateKind> Candidates { get; init; } = [CandidateKind.LogisticRegression, CandidateKind.RandomForest, CandidateKind.BoostedTrees];

    public ClassWeighting Weighting { get; init; } = ClassWeighting.Sqrt;

    /// <summary>SMOTE on training rows only (synthetic frauds per real fraud); 0 = off.</summary>
    public double SmoteRatio { get; init; }

    public ThresholdPolicy ReviewPolicy { get; init; } = ThresholdPolicy.MaxF1;

    /// <summary>Target precision (TargetPrecision) or alerts per day (AlertBudget) for the review threshold.</summary>
    public double ReviewTarget { get; init; } = 0.5;

    /// <summary>The decline threshold is the lowest with at least this validation precision (never below review).</summary>
    public double DeclinePrecision { get; init; } = 0.9;

    public int EarlyStoppingRounds { get; init; } = 30;

    public int Seed { get; init; } = 42;

    public int Threads { get; init; } = 2;

    public int TopK { get; init; } = 100;

    /// <summary>Try the boosted-tree grid (depths 4/6/8, weighted and not); false trains one variant per family (depth 6).</summary>
    public bool Search { get; init; } = true;

    /// <summary>Also train without the card windows, without the merchant windows, and without both.</summary>
    public bool Ablation { get; init; }
}
