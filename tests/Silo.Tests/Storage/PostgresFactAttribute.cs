namespace FraudActors.Silo.Tests.Storage;

/// <summary>A fact that needs the test PostgreSQL server: skipped without one, unless CI is set (then it fails).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
