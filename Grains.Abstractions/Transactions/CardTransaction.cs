namespace FraudActors.Grains.Abstractions.Transactions;

/// <summary>One card transaction as it arrives from Kafka, the gateway or the simulator.</summary>
/// <param name="TransactionId">Unique id; a repeated id is applied to the card only once.</param>
/// <param name="CardId">The cardholder key; also the Kafka partition key.</param>
/// <param name="Timestamp">Event time (UTC offset required).</param>
/// <param name="Amount">Positive amount in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code, three upper-case letters.</param>
/// <param name="MerchantId">Merchant or terminal id.</param>
/// <param name="MerchantCategory">One of <see cref="MerchantCategories.Names"/>.</param>
/// <param name="Channel">Card-present or online.</param>
/// <param name="City">Optional city of the merchant.</param>
/// <param name="Latitude">Optional latitude in degrees, with <paramref name="Longitude"/>.</param>
/// <param name="Longitude">Optional longitude in degrees, with <paramref name="Latitude"/>.</param>
/// <param name="DeviceId">Optional device id (online payments).</param>
public sealed record CardTransaction(
    string TransactionId,
    string CardId,
    DateTimeOffset Timestamp,
    decimal Amount,
    string Currency,
    string MerchantId,
    string MerchantCategory,
    Channel Channel,
    string? City = null,
    double? Latitude = null,
    double? Longitude = null,
    string? DeviceId = null);
