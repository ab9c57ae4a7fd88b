using FraudActors.Trainer.Csv;

namespace FraudActors.Trainer.Tests.Csv;

public sealed class TransactionCsvReaderErrorTests
{
    private const string Good = "T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,grocery,card_present,Paris,48.8566,2.3522,,0,";

    [Theory]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,abc,EUR,M1,grocery,card_present,Paris,48.8566,2.3522,,0,", "line 3: column 'amount' must be a number*got 'abc'.")]
    [InlineData("T1,C1,2026-13-02T03:04:05Z,12.50,EUR,M1,grocery,card_present,Paris,48.8566,2.3522,,0,", "line 3: column 'timestamp' must be an ISO-8601*")]
    [InlineData("T1,C1,2026-01-02T03:04:05,12.50,EUR,M1,grocery,card_present,Paris,48.8566,2.3522,,0,", "line 3: column 'timestamp'*UTC designator*")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,groceries,card_present,Paris,48.8566,2.3522,,0,", "line 3: column 'merchant_category' must be one of*")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,grocery,atm,Paris,48.8566,2.3522,,0,", "line 3: column 'channel' must be card_present or online*")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,grocery,card_present,Paris,north,2.3522,,0,", "line 3: column 'latitude' must be a number*")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,grocery,card_present,Paris,48.8566,2.3522,,yes,", "line 3: column 'is_fraud' must be 0 or 1*")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,-3,EUR,M1,grocery,card_present,Paris,48.8566,2.3522,,0,", "line 3: column 'amount' must be greater than 0.")]
    [InlineData("T1,,2026-01-02T03:04:05Z,3,eur,M1,grocery,card_present,Paris,48.8566,2.3522,,0,", "line 3: column 'card_id' is required.; column 'currency' must be a three-letter*")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,3,EUR,M1,grocery,card_present,Paris,48.8566,,,0,", "line 3: column 'longitude' latitude and longitude must be given together.")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,grocery,card_present,Washington, D.C.,48.8566,2.3522,,0,", "line 3: expected 14 fields, found 15; quote fields that contain commas.")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,grocery,card_present,Paris,48.8566,2.3522", "line 3: column 'device_id' is missing (expected 14 fields, found 11).")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,grocery,card_present,\"Paris\"x,48.8566,2.3522,,0,", "line 3: column 'city' has text after its closing quote*")]
    [InlineData("T1,C1,2026-01-02T03:04:05Z,12.50,EUR,M1,grocery,card_present,Pa\"ris,48.8566,2.3522,,0,", "line 3: column 'city' has a quote inside an unquoted value*")]
    public void A_bad_row_names_its_line_and_column(string badRow, string expected)
    {
        var (rows, errors) = Read(TransactionCsvSchema.Header + "\n" + Good + "\n" + badRow + "\n" + Good + "\n");

        errors.Should().ContainSingle().Which.Should().Match(expected);
        rows.Should().Be(2, "reading continues after a bad row");
    }

    [Fact]
    public void Line_numbers_count_line_breaks_inside_quoted_fields()
    {
        var csv = TransactionCsvSchema.Header + "\n"
            + "T1,C1,2026-01-02T03:04:05Z,1,EUR,M1,grocery,card_present,\"Two\nLines\",48.8566,2.3522,,0,\n"
            + "T2,C1,2026-01-02T03:04:05Z,zero,EUR,M1,grocery,card_present,Paris,48.8566,2.3522,,0,\n";

        var (rows, errors) = Read(csv);

        rows.Should().Be(1);
        errors.Should().ContainSingle().Which.Should().StartWith("line 4: column 'amount'");
    }

    [Fact]
    public void An_unterminated_quote_is_reported_at_the_line_where_the_record_starts()
    {
        var csv = TransactionCsvSchema.Header + "\n" + Good + "\n"
            + "T2,C1,2026-01-02T03:04:05Z,1,EUR,M1,grocery,card_present,\"Paris,48.8566,2.3522,,0,\n";

        var (_, errors) = Read(csv);

        errors.Should().ContainSingle().Which.Should().Be("line 3: column 'city' has an opening quote but no closing quote.");
    }

    [Theory]
    [InlineData("", "the file is empty*")]
    [InlineData("transaction_id,card_id,timestamp,currency,merchant_id,merchant_category,channel\n", "line 1 (header): missing required column 'amount'*")]
    [InlineData("transaction_id,card_id,timestamp,amount,amount,currency,merchant_id,merchant_category,channel\n", "line 1 (header): column 'amount' appears twice.")]
    public void A_bad_header_is_refused(string csv, string expected)
    {
        TransactionCsvReader.TryOpen(new StringReader(csv), out var reader, out var error).Should().BeFalse();

        reader.Should().BeNull();
        error.Should().Match(expected);
    }

    [Fact]
    public void Opening_a_missing_file_gives_a_one_line_error()
    {
        TransactionCsvReader.TryOpen("/nonexistent/dir/x.csv", out _, out var error).Should().BeFalse();

        error.Should().StartWith("cannot read '/nonexistent/dir/x.csv'").And.NotContain("\n");
    }

    private static (int Rows, List<string> Errors) Read(string csv)
    {
        TransactionCsvReader.TryOpen(new StringReader(csv), out var reader, out var error).Should().BeTrue(error);
        var rows = 0;
        var errors = new List<string>();
        using (var opened = reader!)
        {
            while (opened.ReadRecord())
            {
                if (opened.TryParse(out _, out error))
                {
                    rows++;
                }
                else
                {
                    errors.Add(error);
                }
            }
        }

        return (rows, errors);
    }
}
