using System.Text;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Trainer.Csv;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Tests.Simulation;
using FsCheck;
using FsCheck.Fluent;

namespace FraudActors.Trainer.Tests.Csv;

public sealed class TransactionCsvRoundTripTests
{
    private static readonly CardTransaction Sample = new(
        "T1", "C1", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), 12.5m, "EUR", "M1", "grocery", Channel.CardPresent,
        "Paris", 48.8566, 2.3522, null);

    [Fact]
    public void The_header_is_the_documented_schema()
    {
        var text = Encoding.UTF8.GetString(SimulationRuns.ToCsv([]));

        text.Should().Be("transaction_id,card_id,timestamp,amount,currency,merchant_id,merchant_category,channel,city,latitude,longitude,device_id,is_fraud,fraud_scenario\n");
    }

    [Fact]
    public void A_row_is_written_in_the_documented_format()
    {
        var row = new SimulatedTransaction(Sample with { City = "Washington, D.C.", Channel = Channel.Online, DeviceId = "dev-1" }, true, "card_testing");

        var lines = Encoding.UTF8.GetString(SimulationRuns.ToCsv([row])).Split('\n');

        lines[1].Should().Be("T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,grocery,online,\"Washington, D.C.\",48.8566,2.3522,dev-1,1,card_testing");
    }

    [Fact]
    public void Simulated_rows_survive_a_round_trip()
    {
        var rows = SimulationRuns.Default.Take(20_000).ToList();
        rows.Should().Contain(r => r.Transaction.City == "Washington, D.C.");

        ReadBack(SimulationRuns.ToCsv(rows)).Should().Equal(rows);
    }

    [Fact]
    public void Awkward_values_survive_a_round_trip()
    {
        var rows = new List<SimulatedTransaction>
        {
            new(Sample with { City = "Washington, D.C." }, false, null),
            new(Sample with { City = "Say \"cheese\", please", MerchantId = "M,2" }, true, "stolen_card"),
            new(Sample with { City = "Line\nbreak" }, false, null),
            new(Sample with { City = "Kraków", Latitude = null, Longitude = null }, false, null),
            new(Sample with { Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_500), Amount = 0.001m }, false, null),
            new(Sample with { Amount = 9_999_999.99m, Latitude = -33.8688, Longitude = 151.2093, DeviceId = "dev-ä" }, false, null),
            new(Sample with { Channel = Channel.Online, City = null, Latitude = null, Longitude = null, DeviceId = "d" }, true, "x"),
        };

        ReadBack(SimulationRuns.ToCsv(rows)).Should().Equal(rows);
    }

    [Fact]
    public void Any_city_name_and_amount_survive_a_round_trip()
    {
        // Reference: the record itself. Whatever the writer quotes, the reader must give the same record back.
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), ArbMap.Default.ArbFor<decimal>(), (name, amount) =>
        {
            var city = name.Get;
            var value = Math.Abs(amount) % 1_000_000m;
            if (string.IsNullOrWhiteSpace(city) || city.Length > 128 || value == 0m || city.Contains('\r') || city.Contains('\0'))
            {
                return true; // not a valid transaction, or a bare CR, which a line reader folds into \n
            }

            var row = new SimulatedTransaction(Sample with { City = city, Amount = value }, false, null);
            var back = ReadBack(SimulationRuns.ToCsv([row]));
            return back.Count == 1 && back[0] == row;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Columns_are_found_by_name_and_labels_may_be_absent()
    {
        const string csv = "amount,channel,card_id,transaction_id,timestamp,currency,merchant_id,merchant_category,extra\n"
            + "7.25,online,C9,T9,2026-03-04T05:06:07Z,EUR,M9,digital_goods,ignored\n";

        TransactionCsvReader.TryOpen(new StringReader(csv), out var reader, out var error).Should().BeTrue(error);
        reader!.HasLabels.Should().BeFalse();
        reader.ReadRecord().Should().BeTrue();
        reader.TryParse(out var row, out error).Should().BeTrue(error);

        row!.Transaction.Should().Be(new CardTransaction("T9", "C9", new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), 7.25m, "EUR", "M9", "digital_goods", Channel.Online));
        row.IsFraud.Should().BeFalse();
        reader.ReadRecord().Should().BeFalse();
    }

    [Fact]
    public void Offsets_are_converted_to_utc_and_blank_lines_skipped()
    {
        var csv = TransactionCsvSchema.Header + "\n\n"
            + "T1,C1,2026-01-02T05:04:05+02:00,1.00,EUR,M1,grocery,card_present,,,,,0,\r\n";

        var rows = ReadBack(Encoding.UTF8.GetBytes(csv));

        rows.Should().ContainSingle().Which.Transaction.Timestamp.Should().Be(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        rows[0].Transaction.Timestamp.Offset.Should().Be(TimeSpan.Zero);
    }

    private static List<SimulatedTransaction> ReadBack(byte[] csv)
    {
        TransactionCsvReader.TryOpen(new StreamReader(new MemoryStream(csv)), out var reader, out var error).Should().BeTrue(error);
        var rows = new List<SimulatedTransaction>();
        using (var opened = reader!)
        {
            while (opened.ReadRecord())
            {
                opened.TryParse(out var row, out error).Should().BeTrue($"line {opened.LineNumber}: {error}");
                rows.Add(row!);
            }
        }

        return rows;
    }
}
