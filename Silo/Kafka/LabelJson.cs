using System.Text.Json;
using FraudActors.Grains.Abstractions.Merchant;
using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Silo.Kafka;

/// <summary>
/// The value of a record on the labels topic (key = card id, so a label lands on the partition — and the silo — of
/// its card's transactions): <c>{transactionId, merchantId, transactionTime, isFraud, knownAt?}</c>, timestamps
/// ISO-8601 with an offset. Confirmed fraud or genuine feedback, e.g. from chargebacks.
/// </summary>
public static class LabelJson
{
    public static byte[] Serialize(TransactionLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return JsonSerializer.SerializeToUtf8Bytes(new Wire(label.TransactionId, label.MerchantId, label.TransactionTime, label.IsFraud, label.KnownAt), Options);
    }

    /// <returns>False with a reason naming the field when the value is not a valid label.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out TransactionLabel? label, out string? reason)
    {
        label = null;
        Wire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<Wire>(value, Options);
        }
        catch (JsonException exception)
        {
            reason = $"invalid JSON: {exception.Message}";
            return false;
        }

        reason = wire switch
        {
            null => "invalid JSON: the value is null.",
            { TransactionId: null or "" } => "transactionId: is required.",
            { MerchantId: null or "" } => "merchantId: is required.",
            { TransactionTime: null } => "transactionTime: is required.",
            { IsFraud: null } => "isFraud: is required.",
            _ when wire.TransactionId.Length > TransactionValidator.MaxIdLength => "transactionId: is too long.",
            _ when wire.MerchantId.Length > TransactionValidator.MaxIdLength => "merchantId: is too long.",
            _ => null,
        };
        if (reason is not null)
        {
            return false;
        }

        label = new TransactionLabel(wire!.TransactionId!, wire.MerchantId!, wire.TransactionTime!.Value, wire.IsFraud!.Value, wire.KnownAt ?? wire.TransactionTime.Value);
        return true;
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record Wire(string? TransactionId, string? MerchantId, DateTimeOffset? TransactionTime, bool? IsFraud, DateTimeOffset? KnownAt);
}
