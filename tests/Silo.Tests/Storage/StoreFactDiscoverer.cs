using Xunit.Abstractions;
using Xunit.Sdk;

namespace FraudActors.Silo.Tests.Storage;

/// <summary>Skips contract tests of <see cref="IRequiresPostgres"/> classes when no server is configured and CI is unset.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var type = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
        if (type is not null && typeof(IRequiresPostgres).IsAssignableFrom(type) && PostgresTestServer.SkipReason is not null)
        {
            return new SkippedPostgresTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod);
        }

        return base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}
