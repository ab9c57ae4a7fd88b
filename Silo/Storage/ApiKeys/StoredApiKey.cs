namespace FraudActors.Silo.Storage.ApiKeys;

/// <summary>One API key as the store keeps it: never the key itself, only its SHA-256.</summary>
/// <param name="Name">Unique name (the rate-limit partition and the audit "by"); a revoked key keeps its name.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the key (see <see cref="ApiKeyDigest.Hash"/>).</param>
/// <param name="Scopes">score, read and/or admin.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; null while it is valid.</param>
internal sealed record StoredApiKey(string Name, string Hash, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}
