using System.Buffers;

namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>
/// A grain with persistent state. The runtime reads <see cref="State"/> from the storage provider before
/// <see cref="Grain.OnActivateAsync"/> and writes it after <see cref="Grain.OnDeactivateAsync"/>; the grain
/// may also call <see cref="WriteStateAsync"/> itself (e.g. every N events, with <see cref="StatePosition"/>).
/// </summary>
/// <typeparam name="TState">A state type that encodes itself.</typeparam>
public abstract class Grain<TState> : Grain
    where TState : IPersistableState<TState>
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_writer;

    protected TState State { get; set; } = TState.CreateEmpty();

    /// <summary>The stream position the state reflects; written together with it.</summary>
    protected StreamPosition? StatePosition { get; set; }

    /// <summary>The stored version the grain last read or wrote; null when nothing is stored.</summary>
    protected string? StateETag { get; private set; }

    /// <summary>True when storage holds a record for this grain.</summary>
    protected bool RecordExists => StateETag is not null;

    /// <summary>Replaces <see cref="State"/> and <see cref="StatePosition"/> with what storage holds.</summary>
    protected async ValueTask ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await Context.Storage.ReadAsync(GrainId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            State = TState.CreateEmpty();
            StatePosition = null;
            StateETag = null;
            return;
        }

        State = TState.ReadFrom(snapshot.Payload.Span, snapshot.SchemaVersion);
        StatePosition = snapshot.Position;
        StateETag = snapshot.ETag;
    }

    /// <summary>Stores <see cref="State"/> and <see cref="StatePosition"/> atomically.</summary>
    /// <exception cref="InconsistentStateException">Someone else wrote this grain's record since it was read.</exception>
    protected async ValueTask WriteStateAsync(CancellationToken cancellationToken = default)
    {
        // One buffer per thread, taken for the duration of the write: snapshots are written often by
        // stream-driven grains and the provider copies the payload before returning.
        var writer = t_writer ?? new ArrayBufferWriter<byte>(256);
        t_writer = null;
        try
        {
            State.WriteTo(writer);
            var snapshot = new GrainSnapshot(writer.WrittenMemory, TState.SchemaVersion, StatePosition, StateETag);
            StateETag = await Context.Storage.WriteAsync(GrainId, snapshot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writer.ResetWrittenCount();
            if (writer.Capacity <= 64 * 1024)
            {
                t_writer = writer;
            }
        }
    }

    /// <summary>Deletes the stored record and resets <see cref="State"/> to empty.</summary>
    protected async ValueTask ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await Context.Storage.ClearAsync(GrainId, StateETag, cancellationToken).ConfigureAwait(false);
        State = TState.CreateEmpty();
        StatePosition = null;
        StateETag = null;
    }

    internal override ValueTask ReadStateOnActivationAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    internal override ValueTask WriteStateOnDeactivationAsync(CancellationToken cancellationToken) => WriteStateAsync(cancellationToken);
}
