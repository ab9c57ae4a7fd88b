namespace FraudActors.Grains.Abstractions.Cardholder;

/// <summary>
/// Read-only picture of a card's live windows as of <see cref="AsOf"/> (what a transaction at that instant
/// would see, without itself). For the card view and diagnostics; allocates, so keep it off the hot path.
/// </summary>
public sealed record CardWindowView
{
    public required DateTimeOffset AsOf { get; init; }

    public required int TxCount10m { get; init; }

    public required double AmountSum10m { get; init; }

    public required int TxCount1h { get; init; }

    public required double AmountSum1h { get; init; }

    public required int TxCount24h { get; init; }

    public required double AmountSum24h { get; init; }

    public required int TxCount7d { get; init; }

    public required double AmountSum7d { get; init; }

    public required int TxCount30d { get; init; }

    public required double AmountSum30d { get; init; }

    public required int DistinctCities1h { get; init; }

    /// <summary>Transactions applied over the card's life (the z-score's population).</summary>
    public required long AppliedCount { get; init; }

    public required double AmountMean { get; init; }

    /// <summary>Sample standard deviation of all applied amounts; NaN below two transactions.</summary>
    public required double AmountStdDev { get; init; }

    public required IReadOnlyList<string> MerchantCategoriesSeen { get; init; }

    public required int KnownDevices { get; init; }

    public required DateTimeOffset? NewestEventTime { get; init; }

    public required DateTimeOffset? Watermark { get; init; }

    public required int RetainedCount { get; init; }

    /// <summary>Newest first.</summary>
    public required IReadOnlyList<RecentTransaction> Recent { get; init; }
}
