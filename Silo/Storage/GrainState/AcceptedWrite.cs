namespace FraudActors.Silo.Storage.GrainState;

/// <summary>A snapshot taken into the write-behind buffer.</summary>
/// <param name="ETag">The version the snapshot will have once stored; a later write of the grain passes it.</param>
/// <param name="Durable">
/// Completes when the snapshot (or a newer one of the same grain that replaced it) is committed; fails with
/// <see cref="FraudActors.Grains.Abstractions.Runtime.InconsistentStateException"/> when the stored version had
/// moved on, or with the store's error when the batch could not be written.
/// </param>
internal readonly record struct AcceptedWrite(string ETag, Task Durable);
