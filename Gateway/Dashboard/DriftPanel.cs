namespace FraudActors.Gateway.Dashboard;

/// <summary>
/// Drift of the live traffic against the reference histograms of the champion that scored it: PSI per feature,
/// largest first, over <c>Samples</c> sampled decisions (recent ones weigh more: the counts are halved when full).
/// <c>Warnings</c> counts features above <c>WarningLevel</c>.
/// </summary>
internal sealed record DriftPanel(string Model, int Version, long Samples, double WarningLevel, int Warnings, IReadOnlyList<DriftRow> Features);
