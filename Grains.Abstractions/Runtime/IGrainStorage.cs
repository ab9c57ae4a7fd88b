namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>
/// Persists grain snapshots keyed by <see cref="GrainId"/> (grain type + key). Implementations
/// (in-memory, PostgreSQL, embedded) must be safe for concurrent calls on different grains and must
/// write payload, schema version and stream position atomically.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Returns the stored snapshot, or null when the grain has none.</summary>
    ValueTask<GrainSnapshot?> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="snapshot"/> if the stored version equals <see cref="GrainSnapshot.ETag"/>
    /// (null: no record may exist) and returns the new ETag.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored version differs.</exception>
    ValueTask<string> WriteAsync(GrainId grainId, GrainSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Deletes the record if its version equals <paramref name="etag"/>; no record is not an error.</summary>
    /// <exception cref="InconsistentStateException">The stored version differs.</exception>
    ValueTask ClearAsync(GrainId grainId, string? etag, CancellationToken cancellationToken);
}
