namespace FraudActors.Silo.Tests.Audit;

/// <summary>A fact that stops and restarts the test PostgreSQL server: skipped (with the reason) where it cannot, unless CI is set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresOutageFactAttribute : FactAttribute
{
    public PostgresOutageFactAttribute()
    {
        if (PostgresServerControl.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
