namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>The standard alias names; the registry accepts any other name too.</summary>
public static class ModelAliases
{
    /// <summary>The version that decides.</summary>
    public const string Champion = "champion";

    /// <summary>The version scored in shadow next to the champion, deciding nothing.</summary>
    public const string Challenger = "challenger";
}
