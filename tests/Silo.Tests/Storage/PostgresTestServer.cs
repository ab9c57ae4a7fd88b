namespace FraudActors.Silo.Tests.Storage;

/// <summary>The PostgreSQL server the tests use: scripts/postgres.sh exports its connection string.</summary>
internal static class PostgresTestServer
{
    public const string Variable = "FRAUDACTORS_TEST_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Null when the tests must run: a server is configured, or CI is set (so they fail loudly).</summary>
    public static string? SkipReason =>
        ConnectionString is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? $"{Variable} is not set; run `source scripts/postgres.sh && fa_postgres_start` first (under CI these tests fail instead)."
            : null;

    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException(
            $"{Variable} is not set: the PostgreSQL tests need a server. test.sh starts one; by hand: `source scripts/postgres.sh && fa_postgres_start`.");
}
