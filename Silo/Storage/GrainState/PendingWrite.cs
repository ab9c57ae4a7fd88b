using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Storage.GrainState;

/// <summary>
/// The newest unflushed snapshot of one grain in a <see cref="WriteBehindBuffer"/>. A store's flush writes it if
/// the stored version equals <see cref="ExpectedETag"/> and otherwise calls <see cref="Reject"/>. While pending it
/// may be replaced by a newer snapshot of the same grain; once handed to a flush it no longer changes.
/// </summary>
internal sealed class PendingWrite
{
    internal PendingWrite(GrainId grainId, long? expectedETag)
    {
        GrainId = grainId;
        ExpectedETag = expectedETag;
    }

    public GrainId GrainId { get; }

    /// <summary>The version the stored record must have; null: no record may exist.</summary>
    public long? ExpectedETag { get; internal set; }

    /// <summary>The version the record gets.</summary>
    public long ETag { get; private set; }

    /// <summary>The ETag as callers see it.</summary>
    public string ETagText { get; private set; } = string.Empty;

    /// <summary>A copy owned by the buffer, never changed: readers may share it.</summary>
    public byte[] Payload { get; private set; } = [];

    public int SchemaVersion { get; private set; }

    public StreamPosition? Position { get; private set; }

    /// <summary>True when the flush found another stored version; <see cref="StoredETag"/> holds it (null: no record).</summary>
    public bool IsRejected { get; private set; }

    public long? StoredETag { get; private set; }

    /// <summary>Completed by the buffer once the batch holding this write is committed or has failed.</summary>
    internal TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called by a store's flush: the stored version was not <see cref="ExpectedETag"/>, so nothing was written.</summary>
    public void Reject(long? storedETag)
    {
        IsRejected = true;
        StoredETag = storedETag;
    }

    internal GrainSnapshot ToSnapshot() => new(Payload, SchemaVersion, Position, ETagText);

    internal void Set(byte[] payload, int schemaVersion, StreamPosition? position)
    {
        Payload = payload;
        SchemaVersion = schemaVersion;
        Position = position;
        ETag = GrainStateETags.New();
        ETagText = GrainStateETags.Format(ETag);
    }
}
