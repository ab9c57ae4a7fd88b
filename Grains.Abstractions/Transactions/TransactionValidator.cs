namespace FraudActors.Grains.Abstractions.Transactions;

/// <summary>Rejects malformed transactions with a reason that names the field.</summary>
public static class TransactionValidator
{
    public const int MaxIdLength = 128;
    public const decimal MaxAmount = 10_000_000m;

    /// <summary>Returns every problem found; an empty list means the transaction is valid.</summary>
    public static IReadOnlyList<FieldError> Validate(CardTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        List<FieldError>? errors = null;

        RequireId(ref errors, "transactionId", transaction.TransactionId);
        RequireId(ref errors, "cardId", transaction.CardId);
        RequireId(ref errors, "merchantId", transaction.MerchantId);

        if (transaction.Timestamp.Offset != TimeSpan.Zero)
        {
            Add(ref errors, "timestamp", "must be in UTC (offset +00:00 or 'Z').");
        }
        else if (transaction.Timestamp.Year < 2000 || transaction.Timestamp.Year > 2100)
        {
            Add(ref errors, "timestamp", "must be between the years 2000 and 2100.");
        }

        if (transaction.Amount <= 0m)
        {
            Add(ref errors, "amount", "must be greater than 0.");
        }
        else if (transaction.Amount > MaxAmount)
        {
            Add(ref errors, "amount", $"must not exceed {MaxAmount}.");
        }

        if (!IsCurrencyCode(transaction.Currency))
        {
            Add(ref errors, "currency", "must be a three-letter upper-case ISO 4217 code, e.g. EUR.");
        }

        if (!MerchantCategories.TryGetIndex(transaction.MerchantCategory, out _))
        {
            Add(ref errors, "merchantCategory", $"must be one of: {string.Join(", ", MerchantCategories.Names)}.");
        }

        if (!Enum.IsDefined(transaction.Channel))
        {
            Add(ref errors, "channel", "must be 'cardPresent' or 'online'.");
        }

        if (transaction.City is { } city && (city.Length == 0 || city.Length > MaxIdLength || string.IsNullOrWhiteSpace(city)))
        {
            Add(ref errors, "city", $"must be 1 to {MaxIdLength} characters when given.");
        }

        if (transaction.Latitude.HasValue != transaction.Longitude.HasValue)
        {
            Add(ref errors, transaction.Latitude.HasValue ? "longitude" : "latitude", "latitude and longitude must be given together.");
        }

        if (transaction.Latitude is { } lat && !(lat >= -90 && lat <= 90))
        {
            Add(ref errors, "latitude", "must be a number between -90 and 90.");
        }

        if (transaction.Longitude is { } lon && !(lon >= -180 && lon <= 180))
        {
            Add(ref errors, "longitude", "must be a number between -180 and 180.");
        }

        if (transaction.DeviceId is { } device && (device.Length == 0 || device.Length > MaxIdLength))
        {
            Add(ref errors, "deviceId", $"must be 1 to {MaxIdLength} characters when given.");
        }

        return (IReadOnlyList<FieldError>?)errors ?? [];
    }

    private static void RequireId(ref List<FieldError>? errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(ref errors, field, "is required.");
        }
        else if (value.Length > MaxIdLength)
        {
            Add(ref errors, field, $"must be at most {MaxIdLength} characters.");
        }
    }

    private static bool IsCurrencyCode(string? value) =>
        value is { Length: 3 } && char.IsAsciiLetterUpper(value[0]) && char.IsAsciiLetterUpper(value[1]) && char.IsAsciiLetterUpper(value[2]);

    private static void Add(ref List<FieldError>? errors, string field, string message) =>
        (errors ??= []).Add(new FieldError(field, message));
}
