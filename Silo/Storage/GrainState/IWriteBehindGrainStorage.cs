using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Storage.GrainState;

/// <summary>
/// A durable grain storage that writes behind in batches (PostgreSQL, SQLite). Beyond <see cref="IGrainStorage"/>:
/// a write that does not wait for its commit, a flush barrier (e.g. before committing stream offsets), and counters.
/// </summary>
internal interface IWriteBehindGrainStorage : IGrainStorage, IAsyncDisposable
{
    WriteBehindStatistics Statistics { get; }

    /// <summary>Buffers a snapshot without waiting for its commit; see <see cref="WriteBehindBuffer.AcceptAsync"/>.</summary>
    ValueTask<AcceptedWrite> AcceptAsync(GrainId grainId, GrainSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Commits everything buffered so far and waits for it.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
