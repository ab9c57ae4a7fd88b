namespace FraudActors.Gateway.Dashboard;

/// <summary>One published version as the dashboard lists it.</summary>
internal sealed record ModelVersionRow(
    string Model,
    int Version,
    string Algorithm,
    DateTimeOffset PublishedAt,
    string Status,
    IReadOnlyList<string> Aliases,
    double? AveragePrecision);
