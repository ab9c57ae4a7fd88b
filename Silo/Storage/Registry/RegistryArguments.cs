namespace FraudActors.Silo.Storage.Registry;

/// <summary>Argument checks shared by the stores, so both reject the same input with the same message.</summary>
internal static class RegistryArguments
{
    private const int MaxNameLength = 200;

    public static void Name(string value, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameter);
        if (value.Length > MaxNameLength)
        {
            throw new ArgumentException($"A {parameter} is at most {MaxNameLength} characters; got {value.Length}.", parameter);
        }
    }

    public static void Version(int? version, string parameter = "version")
    {
        if (version is <= 0)
        {
            throw new ArgumentOutOfRangeException(parameter, version, "Model versions start at 1.");
        }
    }

    public static void Text(string value, string parameter) => ArgumentNullException.ThrowIfNull(value, parameter);
}
