using Xunit.Sdk;

namespace FraudActors.Silo.Tests.Storage;

/// <summary>
/// A fact of the shared store contract. The attribute sits on the abstract base, so whether the test needs
/// PostgreSQL depends on the concrete class; <see cref="StoreFactDiscoverer"/> decides per class.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("FraudActors.Silo.Tests.Storage.StoreFactDiscoverer", "FraudActors.Silo.Tests")]
public sealed class StoreFactAttribute : FactAttribute;
