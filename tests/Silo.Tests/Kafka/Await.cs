namespace FraudActors.Silo.Tests.Kafka;

/// <summary>Waits for a condition with a deadline, and says where things stood when it gave up.</summary>
internal static class Await
{
    public static async Task UntilAsync(Func<bool> condition, Func<string> state, int seconds)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (seconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Timed out after {seconds} s: {state()}.");
            }

            await Task.Delay(5);
        }
    }
}
