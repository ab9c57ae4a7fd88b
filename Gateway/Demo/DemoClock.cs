using System.Globalization;

namespace FraudActors.Gateway.Demo;

/// <summary>The demo's simulated clock on disk: one ISO date, the last simulated day streamed.</summary>
internal static class DemoClock
{
    public static DateOnly? Read(string path) =>
        File.Exists(path) && DateOnly.TryParseExact(File.ReadAllText(path).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    public static void Write(string path, DateOnly day)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
