using System.Globalization;

namespace FraudActors.Silo.Storage.GrainState;

/// <summary>
/// The stores' ETags: a random positive 64-bit number per write (a bigint column), shown as decimal text.
/// Random rather than a counter, so a record cleared and written again never repeats a version a stale
/// writer may still hold, and silos need no shared sequence.
/// </summary>
internal static class GrainStateETags
{
    /// <summary>Stands for an ETag that is not one of ours: it matches no stored version.</summary>
    public const long Unmatchable = 0;

    public static long New() => Random.Shared.NextInt64(1, long.MaxValue);

    public static string Format(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    public static string? Format(long? etag) => etag is { } value ? Format(value) : null;

    /// <summary>The stored version a writer expects: null for "no record", <see cref="Unmatchable"/> for foreign text.</summary>
    public static long? Parse(string? etag)
    {
        if (etag is null)
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : Unmatchable;
    }
}
