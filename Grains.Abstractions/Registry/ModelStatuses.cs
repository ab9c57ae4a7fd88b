namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>
/// The status of a version in a listing. An aliased version shows its alias (champion before challenger
/// before any custom alias); an unaliased one is a candidate when newer than the champion (or when there is
/// no champion), else archived.
/// </summary>
public static class ModelStatuses
{
    public const string Champion = ModelAliases.Champion;

    public const string Challenger = ModelAliases.Challenger;

    /// <summary>Published after the current champion and not aliased: waiting for evaluation.</summary>
    public const string Candidate = "candidate";

    /// <summary>Older than the current champion and not aliased.</summary>
    public const string Archived = "archived";

    /// <summary>The status of <paramref name="version"/> given the aliases pointing at it and the champion's version.</summary>
    public static string Of(int version, IReadOnlyList<string> aliases, int? championVersion)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        string? custom = null;
        var challenger = false;
        foreach (var alias in aliases)
        {
            if (alias == Champion)
            {
                return Champion;
            }

            if (alias == Challenger)
            {
                challenger = true;
            }
            else if (custom is null || string.CompareOrdinal(alias, custom) < 0)
            {
                custom = alias;
            }
        }

        if (challenger)
        {
            return Challenger;
        }

        if (custom is not null)
        {
            return custom;
        }

        return championVersion is { } champion && version < champion ? Archived : Candidate;
    }
}
