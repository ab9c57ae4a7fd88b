using System.Globalization;

namespace FraudActors.Grains.Scoring;

/// <summary>Turns a feature and its value into a sentence an analyst reads in the alert queue.</summary>
internal static class ReasonText
{
    public static string Describe(string feature, float value)
    {
        if (float.IsNaN(value))
        {
            return $"{feature} is missing";
        }

        return feature switch
        {
            "amount" => $"amount {value.ToString("0.00", CultureInfo.InvariantCulture)}",
            "is_online" => value > 0 ? "card-not-present (online) payment" : "card-present payment",
            "tx_count_10m" => $"{Short(value)} transactions in 10 min",
            "tx_count_1h" => $"{Short(value)} transactions in 1 h",
            "tx_count_24h" => $"{Short(value)} transactions in 24 h",
            "amount_sum_10m" => $"{Short(value)} spent in 10 min",
            "amount_mean_24h" => $"mean amount {Short(value)} over 24 h",
            "tx_count_7d" => $"{Short(value)} transactions in 7 days",
            "amount_mean_7d" => $"mean amount {Short(value)} over 7 days",
            "tx_count_30d" => $"{Short(value)} transactions in 30 days",
            "amount_mean_30d" => $"mean amount {Short(value)} over 30 days",
            "amount_zscore" => value >= 0
                ? $"amount is {value.ToString("0.0", CultureInfo.InvariantCulture)}σ above this card's mean"
                : $"amount is {(-value).ToString("0.0", CultureInfo.InvariantCulture)}σ below this card's mean",
            "distinct_cities_1h" => value == 0 ? "no located purchase in the last hour (card not present)" : $"{Short(value)} cities in 1 h",
            "seconds_since_previous" => $"{Short(value)} s since the previous transaction",
            "speed_kmh" => $"implied travel speed {value.ToString("N0", CultureInfo.InvariantCulture)} km/h since the previous transaction",
            "new_merchant_category" => value > 0 ? "first purchase in this merchant category" : "familiar merchant category",
            "new_device" => value > 0 ? "device never seen on this card" : "known device",
            "hour_of_day" => $"local hour {Short(value)}",
            "is_weekend" => value > 0 ? "weekend" : "weekday",
            "merchant_category_risk" => $"merchant category risk prior {value.ToString("0.00", CultureInfo.InvariantCulture)}",
            "merchant_risk_1d" or "merchant_risk_7d" or "merchant_risk_30d" =>
                $"merchant's confirmed fraud rate {value.ToString("P0", CultureInfo.InvariantCulture)} over {feature["merchant_risk_".Length..]}",
            "merchant_tx_count_1d" or "merchant_tx_count_7d" or "merchant_tx_count_30d" =>
                $"merchant had {Short(value)} transactions over {feature["merchant_tx_count_".Length..]}",
            _ => $"{feature} = {Short(value)}",
        };
    }

    private static string Short(float value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
