using System.Runtime.CompilerServices;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Grains.Cardholder;

/// <summary>
/// The parts of a transaction the card windows use, parsed once: strings are replaced by stable hashes,
/// the amount and coordinates are rounded to float32 (the precision the state stores, so features do not
/// depend on whether a value came from the transaction or from the state).
/// Missing coordinates are NaN; a missing device is hash 0.
/// </summary>
internal readonly record struct CardEvent
{
    public long UtcTicks { get; init; }

    public ulong IdHash { get; init; }

    public float Amount { get; init; }

    public int CategoryIndex { get; init; }

    public bool IsOnline { get; init; }

    public uint LocationKey { get; init; }

    public float Latitude { get; init; }

    public float Longitude { get; init; }

    public ulong DeviceHash { get; init; }

    public bool HasLocation => !float.IsNaN(Latitude);

    public bool HasDevice => DeviceHash != 0;

    /// <summary>Parses a transaction that passed <see cref="TransactionValidator"/>.</summary>
    /// <exception cref="ArgumentException">The merchant category is unknown.</exception>
    public static CardEvent From(CardTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (!MerchantCategories.TryGetIndex(transaction.MerchantCategory, out var category))
        {
            ThrowUnknownCategory(transaction.MerchantCategory);
        }

        var located = transaction.Latitude.HasValue && transaction.Longitude.HasValue;
        return Create(
            transaction.TransactionId,
            transaction.Timestamp.UtcTicks,
            (float)transaction.Amount,
            category,
            transaction.Channel == Channel.Online,
            transaction.City,
            located ? transaction.Latitude!.Value : double.NaN,
            located ? transaction.Longitude!.Value : double.NaN,
            transaction.DeviceId);
    }

    /// <summary>For callers that hold raw fields (the trainer's replay) rather than <see cref="CardTransaction"/> objects.</summary>
    /// <param name="city">Empty when unknown.</param>
    /// <param name="latitude">NaN when unknown (then <paramref name="longitude"/> is ignored).</param>
    /// <param name="deviceId">Empty when unknown.</param>
    public static CardEvent Create(
        ReadOnlySpan<char> transactionId,
        long utcTicks,
        float amount,
        int categoryIndex,
        bool isOnline,
        ReadOnlySpan<char> city,
        double latitude,
        double longitude,
        ReadOnlySpan<char> deviceId)
    {
        if ((uint)categoryIndex >= (uint)MerchantCategories.Count)
        {
            ThrowUnknownCategory(categoryIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var located = !double.IsNaN(latitude) && !double.IsNaN(longitude);
        var lat = located ? (float)latitude : float.NaN;
        var lon = located ? (float)longitude : float.NaN;
        return new CardEvent
        {
            UtcTicks = utcTicks,
            IdHash = StableHash.Of(transactionId),
            Amount = amount,
            CategoryIndex = categoryIndex,
            IsOnline = isOnline,
            LocationKey = Cardholder.LocationKey.Of(city, lat, lon),
            Latitude = lat,
            Longitude = lon,
            DeviceHash = DeviceKey(deviceId),
        };
    }

    private static ulong DeviceKey(ReadOnlySpan<char> deviceId)
    {
        if (deviceId.IsEmpty)
        {
            return 0;
        }

        var hash = StableHash.Of(deviceId);
        return hash == 0 ? 1 : hash; // 0 is reserved for "no device"
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnknownCategory(string? category) =>
        throw new ArgumentException($"Unknown merchant category '{category}'; validate the transaction first.", nameof(category));
}
