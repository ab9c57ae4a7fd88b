namespace FraudActors.Gateway.Dashboard;

/// <summary>The one document the dashboard page polls: every panel's numbers at one instant.</summary>
internal sealed record DashboardSnapshot(
    DateTimeOffset CapturedAt,
    double IntervalSeconds,
    ClusterPanel Cluster,
    GrainsPanel Grains,
    TrafficPanel Traffic,
    ModelsPanel Models,
    IReadOnlyList<AlertRow> Alerts);
