namespace FraudActors.Silo.Runtime;

/// <summary>A grain timer as its activation sees it, whatever its callback state type.</summary>
internal interface IGrainTimer : IDisposable
{
    void Stop();
}
