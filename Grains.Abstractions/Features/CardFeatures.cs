namespace FraudActors.Grains.Abstractions.Features;

/// <summary>
/// The behaviour features of one transaction, computed by the cardholder grain over the card's history
/// up to and including this transaction (event time). Missing values (no previous transaction, no
/// location) are <see cref="float.NaN"/>, which the tree models treat as "missing".
/// The order of <see cref="Names"/> is the model's input order; never reorder, only append.
/// </summary>
public readonly record struct CardFeatures
{
    /// <summary>The transaction's own amount.</summary>
    public float Amount { get; init; }

    /// <summary>1 when the transaction is online (card not present), else 0.</summary>
    public float IsOnline { get; init; }

    public float TxCount10m { get; init; }

    public float TxCount1h { get; init; }

    public float TxCount24h { get; init; }

    public float AmountSum10m { get; init; }

    public float AmountMean24h { get; init; }

    /// <summary>Transactions on this UTC day and the 6 days before it.</summary>
    public float TxCount7d { get; init; }

    public float AmountMean7d { get; init; }

    /// <summary>Transactions on this UTC day and the 29 days before it.</summary>
    public float TxCount30d { get; init; }

    public float AmountMean30d { get; init; }

    /// <summary>(amount − mean) / standard deviation of the card's earlier transactions.</summary>
    public float AmountZScore { get; init; }

    public float DistinctCities1h { get; init; }

    public float SecondsSincePrevious { get; init; }

    /// <summary>Great-circle distance from the previous located transaction divided by the elapsed time.</summary>
    public float SpeedKmh { get; init; }

    /// <summary>1 when the card has never used this merchant category before.</summary>
    public float NewMerchantCategory { get; init; }

    /// <summary>1 when the card has not used this device before (NaN when no device id).</summary>
    public float NewDevice { get; init; }

    /// <summary>Local hour of day, 0–23 (see the README for the time-zone rule).</summary>
    public float HourOfDay { get; init; }

    public float IsWeekend { get; init; }

    public float MerchantCategoryRisk { get; init; }

    /// <summary>Feature names in model input order.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(
    [
        "amount", "is_online", "tx_count_10m", "tx_count_1h", "tx_count_24h", "amount_sum_10m",
        "amount_mean_24h", "tx_count_7d", "amount_mean_7d", "tx_count_30d", "amount_mean_30d",
        "amount_zscore", "distinct_cities_1h", "seconds_since_previous", "speed_kmh",
        "new_merchant_category", "new_device", "hour_of_day", "is_weekend", "merchant_category_risk",
    ]);

    public static int Count => 20;

    /// <summary>Writes the features in <see cref="Names"/> order.</summary>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException($"Needs room for {Count} features.", nameof(destination));
        }

        destination[0] = Amount;
        destination[1] = IsOnline;
        destination[2] = TxCount10m;
        destination[3] = TxCount1h;
        destination[4] = TxCount24h;
        destination[5] = AmountSum10m;
        destination[6] = AmountMean24h;
        destination[7] = TxCount7d;
        destination[8] = AmountMean7d;
        destination[9] = TxCount30d;
        destination[10] = AmountMean30d;
        destination[11] = AmountZScore;
        destination[12] = DistinctCities1h;
        destination[13] = SecondsSincePrevious;
        destination[14] = SpeedKmh;
        destination[15] = NewMerchantCategory;
        destination[16] = NewDevice;
        destination[17] = HourOfDay;
        destination[18] = IsWeekend;
        destination[19] = MerchantCategoryRisk;
    }
}
