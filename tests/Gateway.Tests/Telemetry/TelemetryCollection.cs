namespace FraudActors.Gateway.Tests.Telemetry;

/// <summary>The telemetry tests that need a running gateway share one (training and start-up are the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryHost>
{
    public const string Name = "telemetry";
}
