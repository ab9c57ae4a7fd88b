namespace FraudActors.Grains.Scoring;

/// <summary>
/// One tree as XGBoost's JSON model stores it: parallel per-node arrays indexed by node id, root = 0,
/// -1 children for a leaf, and a leaf's output in <see cref="SplitConditions"/>.
/// </summary>
internal sealed record XgboostTree(
    int[] LeftChildren,
    int[] RightChildren,
    int[] SplitIndices,
    float[] SplitConditions,
    bool[] DefaultLeft,
    float[] SumHessian);
