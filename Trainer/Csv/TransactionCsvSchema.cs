namespace FraudActors.Trainer.Csv;

/// <summary>
/// The transaction CSV format (RFC 4180, UTF-8, header row required, comma separated, LF line ends):
/// <code>transaction_id,card_id,timestamp,amount,currency,merchant_id,merchant_category,channel,city,latitude,longitude,device_id,is_fraud,fraud_scenario</code>
/// timestamp is ISO-8601 UTC ending in Z (<c>2026-01-01T08:30:00Z</c>, fractional seconds only when present);
/// amount uses '.' and at least two decimals; channel is <c>card_present</c> or <c>online</c>; latitude and
/// longitude are decimal degrees (shortest round-trip form); is_fraud is 0 or 1; fraud_scenario is the tag of
/// the injected pattern, empty for genuine rows. An empty unquoted field is null; <c>""</c> is an empty string.
/// Fields containing a comma, a quote or a line break are quoted, quotes doubled.
/// </summary>
internal static class TransactionCsvSchema
{
    public const string TransactionId = "transaction_id";
    public const string CardId = "card_id";
    public const string Timestamp = "timestamp";
    public const string Amount = "amount";
    public const string Currency = "currency";
    public const string MerchantId = "merchant_id";
    public const string MerchantCategory = "merchant_category";
    public const string Channel = "channel";
    public const string City = "city";
    public const string Latitude = "latitude";
    public const string Longitude = "longitude";
    public const string DeviceId = "device_id";
    public const string IsFraud = "is_fraud";
    public const string FraudScenario = "fraud_scenario";

    public const string CardPresentChannel = "card_present";
    public const string OnlineChannel = "online";

    /// <summary>The columns in the order the writer emits them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        TransactionId, CardId, Timestamp, Amount, Currency, MerchantId, MerchantCategory, Channel,
        City, Latitude, Longitude, DeviceId, IsFraud, FraudScenario,
    ];

    /// <summary>Columns a file must have; the others may be absent (labels absent = unlabelled data).</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } =
        [TransactionId, CardId, Timestamp, Amount, Currency, MerchantId, MerchantCategory, Channel];

    public static string Header { get; } = string.Join(',', Columns);

    /// <summary>Maps a <see cref="Grains.Abstractions.Transactions.FieldError"/> field (camelCase) to its column (snake_case).</summary>
    public static string ColumnOf(string field) => field switch
    {
        "transactionId" => TransactionId,
        "cardId" => CardId,
        "timestamp" => Timestamp,
        "amount" => Amount,
        "currency" => Currency,
        "merchantId" => MerchantId,
        "merchantCategory" => MerchantCategory,
        "channel" => Channel,
        "city" => City,
        "latitude" => Latitude,
        "longitude" => Longitude,
        "deviceId" => DeviceId,
        _ => field,
    };
}
