namespace FraudActors.Gateway.Api;

/// <summary>A card's live windows in the card view (counts and sums over event time, as a transaction at <c>asOf</c> would see them).</summary>
/// <param name="AmountStdDev">Sample standard deviation of every applied amount; null below two transactions.</param>
/// <param name="AppliedCount">Transactions applied over the card's life.</param>
/// <param name="NewestEventTime">The card's newest transaction time.</param>
/// <param name="Watermark">How far event time has moved for the card (later arrivals before it are too late).</param>
internal sealed record CardWindowsView(
    int TxCount10m,
    double AmountSum10m,
    int TxCount1h,
    double AmountSum1h,
    int TxCount24h,
    double AmountSum24h,
    int TxCount7d,
    double AmountSum7d,
    int TxCount30d,
    double AmountSum30d,
    int DistinctCities1h,
    long AppliedCount,
    double? AmountMean,
    double? AmountStdDev,
    IReadOnlyList<string> MerchantCategoriesSeen,
    int KnownDevices,
    DateTimeOffset? NewestEventTime,
    DateTimeOffset? Watermark);
