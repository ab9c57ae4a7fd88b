using System.Text.Json;
using FraudActors.Silo.Kafka;
using FraudActors.Silo.Streaming;
using FraudActors.Trainer.Cli;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Tests.Kafka;

/// <summary><c>trainer simulate --to kafka</c> against librdkafka's mock cluster, read back with a plain consumer.</summary>
public sealed class SimulateToKafkaTests
{
    private const int Partitions = 6;

    [Fact]
    public async Task Every_simulated_row_arrives_keyed_by_card_on_its_murmur2_partition()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("sim-transactions", Partitions);
        var expected = TransactionSimulator.Generate(new SimulationOptions { Seed = 11, Cards = 150, Merchants = 60, Days = 3 })
            .Select(r => r.Transaction).ToList();
        expected.Count.Should().BeGreaterThan(500);

        var (exit, output, errors) = await Run(
            "simulate", "--seed", "11", "--cards", "150", "--merchants", "60", "--days", "3",
            "--to", "kafka", "--bootstrap", cluster.BootstrapServers, "--topic", "sim-transactions", "--json");

        exit.Should().Be(0, errors);
        using (var summary = JsonDocument.Parse(output))
        {
            summary.RootElement.GetProperty("rows").GetInt64().Should().Be(expected.Count);
            summary.RootElement.GetProperty("delivered").GetInt64().Should().Be(expected.Count);
            summary.RootElement.GetProperty("partitions").GetInt32().Should().Be(Partitions);
        }

        var records = KafkaTopicReader.Read(cluster.BootstrapServers, "sim-transactions", expected.Count, TimeSpan.FromSeconds(20));
        records.Should().HaveCount(expected.Count, "every row arrives, once");
        var byId = expected.ToDictionary(t => t.TransactionId, StringComparer.Ordinal);
        foreach (var record in records)
        {
            TransactionJson.TryParse(record.Value, out var transaction, out var reason).Should().BeTrue(reason);
            byId.Remove(transaction!.TransactionId, out var original).Should().BeTrue("each transaction arrives exactly once");
            transaction.Should().Be(original);
            record.Key.Should().Be(original!.CardId);
            record.Partition.Should().Be(Murmur2Partitioner.Partition(original.CardId, Partitions));
            record.Headers[TransactionJson.SchemaVersionHeader].Should().Be(TransactionJson.SchemaVersion);
        }

        byId.Should().BeEmpty();

        // Per-card order is the simulator's order (one card, one partition, produced in sequence).
        var firstCard = expected[0].CardId;
        records.Where(r => r.Key == firstCard).OrderBy(r => r.Offset)
            .Select(r => JsonDocument.Parse(r.Value).RootElement.GetProperty("transactionId").GetString())
            .Should().Equal(expected.Where(t => t.CardId == firstCard).Select(t => t.TransactionId));
    }

    [Fact]
    public async Task Rate_paces_the_stream()
    {
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic("paced", 2);
        var rows = TransactionSimulator.Generate(new SimulationOptions { Seed = 3, Cards = 20, Merchants = 10, Days = 1 }).Count();

        var (exit, output, errors) = await Run(
            "simulate", "--seed", "3", "--cards", "20", "--merchants", "10", "--days", "1",
            "--to", "kafka", "--bootstrap", cluster.BootstrapServers, "--topic", "paced", "--rate", "200", "--json");

        exit.Should().Be(0, errors);
        using var summary = JsonDocument.Parse(output);
        summary.RootElement.GetProperty("rows").GetInt64().Should().Be(rows);
        summary.RootElement.GetProperty("seconds").GetDouble().Should().BeGreaterThanOrEqualTo((rows - 1) / 200.0 * 0.95, "200 rows/s at most");
    }

    [Theory]
    [InlineData(new[] { "--to", "kafka" }, "error: --to kafka needs --bootstrap HOST:PORT", 2)]
    [InlineData(new[] { "--to", "kafka", "--bootstrap", "127.0.0.1:9", "--out", "x.csv" }, "error: --out is for --to csv", 2)]
    [InlineData(new[] { "--bootstrap", "127.0.0.1:9", "--out", "x.csv" }, "error: --bootstrap and --rate are for --to kafka", 2)]
    [InlineData(new[] { "--to", "kafka", "--bootstrap", "127.0.0.1:9", "--rate", "fast" }, "error: --rate must be a number", 2)]
    [InlineData(new[] { "--to", "nowhere" }, "error: ", 2)]
    [InlineData(new[] { "--days", "2" }, "error: --out is required with --to csv", 2)]
    public async Task Bad_options_are_one_line(string[] args, string expected, int code)
    {
        var (exit, _, errors) = await Run(["simulate", "--cards", "5", "--merchants", "5", .. args]);

        exit.Should().Be(code);
        errors.TrimEnd().Should().StartWith(expected).And.NotContain("\n");
    }

    private static async Task<(int Exit, string Output, string Errors)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await TrainerCli.RunAsync(args, output, errors, TimeProvider.System);
        return (exit, output.ToString(), errors.ToString());
    }
}
