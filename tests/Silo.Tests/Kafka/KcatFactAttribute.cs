namespace FraudActors.Silo.Tests.Kafka;

/// <summary>
/// A test that drives kcat. Without kcat it is skipped on a developer machine, but runs (and fails with a clear
/// message) when the CI environment variable is set, so CI cannot silently lose the kcat round trip.
/// </summary>
public sealed class KcatFactAttribute : FactAttribute
{
    public KcatFactAttribute()
    {
        if (Kcat.Path is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = "kcat is not installed (apt-get install kcat); set CI=1 to make this a failure.";
        }
    }
}
