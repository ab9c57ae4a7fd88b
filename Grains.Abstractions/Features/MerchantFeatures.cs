namespace FraudActors.Grains.Abstractions.Features;

/// <summary>
/// A merchant's (terminal's) risk as seen by the transaction being scored. Windows are whole UTC days
/// ending where the label delay begins: for a transaction on day d and a delay of D days, the w-day window
/// covers days [d − D − w, d − D). So only labels that would really be known are used (no leakage).
/// </summary>
public readonly record struct MerchantFeatures
{
    public float TxCount1d { get; init; }

    public float TxCount7d { get; init; }

    public float TxCount30d { get; init; }

    /// <summary>Share of the window's transactions confirmed as fraud (0 when the window is empty).</summary>
    public float Risk1d { get; init; }

    public float Risk7d { get; init; }

    public float Risk30d { get; init; }

    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(
    [
        "merchant_tx_count_1d", "merchant_tx_count_7d", "merchant_tx_count_30d",
        "merchant_risk_1d", "merchant_risk_7d", "merchant_risk_30d",
    ]);

    public static int Count => 6;

    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException($"Needs room for {Count} features.", nameof(destination));
        }

        destination[0] = TxCount1d;
        destination[1] = TxCount7d;
        destination[2] = TxCount30d;
        destination[3] = Risk1d;
        destination[4] = Risk7d;
        destination[5] = Risk30d;
    }
}
