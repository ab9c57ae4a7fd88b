using Xunit.Abstractions;
using Xunit.Sdk;

namespace FraudActors.Silo.Tests.Storage;

/// <summary>A contract test case skipped because the PostgreSQL test server is not configured.</summary>
public sealed class SkippedPostgresTestCase : XunitTestCase
{
    [Obsolete("For deserialisation only.")]
    public SkippedPostgresTestCase()
    {
    }

    public SkippedPostgresTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        PostgresTestServer.SkipReason ?? "PostgreSQL test server not configured.";
}
