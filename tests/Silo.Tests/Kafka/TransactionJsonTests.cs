using System.Text;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Silo.Kafka;

namespace FraudActors.Silo.Tests.Kafka;

public sealed class TransactionJsonTests
{
    private static readonly CardTransaction Sample = new(
        "tx-1", "card-1", new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero), 42.50m, "EUR", "m-1", "grocery",
        Channel.CardPresent, "Paris", 48.8566, 2.3522, null);

    [Fact]
    public void A_serialized_transaction_parses_back_equal()
    {
        var online = Sample with { TransactionId = "tx-2", Channel = Channel.Online, City = null, Latitude = null, Longitude = null, DeviceId = "d-1" };
        foreach (var transaction in new[] { Sample, online })
        {
            TransactionJson.TryParse(TransactionJson.Serialize(transaction), out var parsed, out var reason).Should().BeTrue(reason);
            parsed.Should().Be(transaction);
        }
    }

    [Fact]
    public void The_documented_schema_parses_with_camel_case_names_and_unknown_fields_ignored()
    {
        const string json = """
            {"transactionId":"t","cardId":"c","timestamp":"2025-03-01T00:00:00Z","amount":10,"currency":"USD",
             "merchantId":"m","merchantCategory":"fuel","channel":"online","deviceId":"d","futureField":{"x":[1,2]}}
            """;
        TransactionJson.TryParse(Encoding.UTF8.GetBytes(json), out var parsed, out var reason).Should().BeTrue(reason);
        parsed!.Channel.Should().Be(Channel.Online);
        parsed.Amount.Should().Be(10m);
        parsed.DeviceId.Should().Be("d");
    }

    [Theory]
    [InlineData("{\"transactionId\": ", "invalid JSON")]
    [InlineData("[1,2]", "invalid JSON")]
    [InlineData("{} {}", "invalid JSON")]
    [InlineData("{\"cardId\":\"c\"}", "transactionId: is required.")]
    [InlineData("{\"transactionId\":\"t\",\"cardId\":\"c\",\"timestamp\":\"2025-03-01T00:00:00Z\",\"amount\":\"ten\"}", "amount: must be a number.")]
    [InlineData("{\"transactionId\":\"t\",\"cardId\":\"c\",\"timestamp\":\"yesterday\"}", "timestamp:")]
    [InlineData("{\"transactionId\":\"t\",\"cardId\":7}", "invalid JSON: cardId: must be a string.")]
    public void Malformed_values_are_rejected_with_a_reason(string json, string reasonPrefix)
    {
        TransactionJson.TryParse(Encoding.UTF8.GetBytes(json), out var parsed, out var reason).Should().BeFalse();
        parsed.Should().BeNull();
        reason.Should().StartWith(reasonPrefix);
    }

    [Fact]
    public void Validator_errors_name_every_field_at_fault()
    {
        var bad = TransactionJson.Serialize(Sample with { Amount = -1m, MerchantCategory = "unicorns", Currency = "eur" });
        TransactionJson.TryParse(bad, out _, out var reason).Should().BeFalse();
        reason.Should().Contain("amount:").And.Contain("merchantCategory:").And.Contain("currency:");
    }

    [Fact]
    public void An_unknown_channel_is_rejected()
    {
        var json = Encoding.UTF8.GetString(TransactionJson.Serialize(Sample)).Replace("cardPresent", "pigeon", StringComparison.Ordinal);
        TransactionJson.TryParse(Encoding.UTF8.GetBytes(json), out _, out var reason).Should().BeFalse();
        reason.Should().Be("channel: must be 'cardPresent' or 'online'.");
    }

    [Fact]
    public void Options_validation_reports_each_problem()
    {
        new KafkaOptions().Validate().Should().BeEmpty();
        var bad = new KafkaOptions { BootstrapServers = " ", DeadLetterTopic = "transactions", MaxInFlightPerPartition = 0, SessionTimeoutMs = 10 };
        bad.Validate().Should().HaveCount(4);
    }
}
