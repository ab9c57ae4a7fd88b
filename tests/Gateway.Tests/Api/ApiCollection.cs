namespace FraudActors.Gateway.Tests.Api;

/// <summary>The API test classes share one host (training and start-up are the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}
