namespace FraudActors.Silo.Runtime.Diagnostics;

/// <summary>Counters of one grain type since the runtime started.</summary>
/// <param name="GrainType">The grain type name.</param>
/// <param name="LiveActivations">Activations currently alive (including activating and deactivating ones).</param>
/// <param name="Messages">Messages (calls) processed, failed ones included.</param>
/// <param name="Activations">Activations completed.</param>
/// <param name="Deactivations">Deactivations completed.</param>
/// <param name="Errors">Calls, timer ticks, activations and deactivations that threw.</param>
public sealed record GrainTypeStatistics(string GrainType, int LiveActivations, long Messages, long Activations, long Deactivations, long Errors);
