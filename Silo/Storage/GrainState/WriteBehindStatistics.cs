namespace FraudActors.Silo.Storage.GrainState;

/// <summary>Counters of a <see cref="WriteBehindBuffer"/> since it started.</summary>
/// <param name="Flushes">Batches sent to the store (round trips).</param>
/// <param name="FlushedWrites">Snapshots in those batches.</param>
/// <param name="CoalescedWrites">Snapshots replaced by a newer one of the same grain before they were flushed.</param>
/// <param name="FailedFlushes">Batches the store could not write.</param>
/// <param name="Pending">Snapshots buffered or being flushed now.</param>
internal readonly record struct WriteBehindStatistics(long Flushes, long FlushedWrites, long CoalescedWrites, long FailedFlushes, int Pending);
