namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>
/// The backing store cannot be reached or refused the credentials. The message is one line a user can act
/// on (where, as whom, what went wrong); the driver's exception is kept as the inner exception for logs.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
