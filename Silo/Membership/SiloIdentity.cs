using System.Globalization;

namespace FraudActors.Silo.Membership;

/// <summary>Silo ids: readable, and unique per process start so a restarted silo is a new member.</summary>
internal static class SiloIdentity
{
    public static string Create(DateTimeOffset startedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{startedAt.ToUnixTimeMilliseconds()}");
}
