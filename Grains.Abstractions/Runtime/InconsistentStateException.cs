namespace FraudActors.Grains.Abstractions.Runtime;

/// <summary>A write or clear found a stored version other than the one the grain last read or wrote.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InconsistentStateException(GrainId grainId, string? expectedETag, string? storedETag)
        : base($"Grain {grainId}: expected stored version '{expectedETag ?? "<none>"}' but found '{storedETag ?? "<none>"}'.")
    {
    }
}
