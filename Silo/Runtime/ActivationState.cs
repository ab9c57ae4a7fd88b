namespace FraudActors.Silo.Runtime;

internal static class ActivationState
{
    /// <summary>Constructing the grain, reading its state, running OnActivateAsync; messages queue.</summary>
    public const int Activating = 0;

    /// <summary>Serving turns.</summary>
    public const int Valid = 1;

    /// <summary>A deactivation turn is queued or running; messages queue and later move to a new activation.</summary>
    public const int Deactivating = 2;

    /// <summary>Gone from the directory; anything still queued is forwarded to a new activation.</summary>
    public const int Deactivated = 3;
}
