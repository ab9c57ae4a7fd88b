namespace FraudActors.Silo.Storage.ApiKeys;

/// <summary>The <c>api_keys</c> table: written by <c>trainer keys</c>, polled by every gateway.</summary>
internal interface IApiKeyStore : IAsyncDisposable
{
    /// <summary>Adds <paramref name="key"/>; false (and nothing changes) when a key of that name exists, revoked or not.</summary>
    Task<bool> CreateAsync(StoredApiKey key, CancellationToken cancellationToken = default);

    /// <summary>Every key, revoked ones included, by name.</summary>
    Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the key revoked at <paramref name="at"/>; false when no valid key has that name.</summary>
    Task<bool> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default);
}
