using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Tests.Simulation;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Same_seed_and_options_give_byte_identical_csv(bool handbook)
    {
        var options = Small(handbook, seed: 42);

        var first = SimulationRuns.ToCsv(TransactionSimulator.Generate(options));
        var second = SimulationRuns.ToCsv(TransactionSimulator.Generate(options));

        first.Length.Should().BeGreaterThan(10_000);
        second.Should().Equal(first);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Same_seed_gives_equal_records(bool handbook)
    {
        var options = Small(handbook, seed: 5);

        TransactionSimulator.Generate(options).Should().Equal(TransactionSimulator.Generate(options));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_different_seed_gives_different_rows(bool handbook)
    {
        var first = SimulationRuns.ToCsv(TransactionSimulator.Generate(Small(handbook, seed: 1)));
        var second = SimulationRuns.ToCsv(TransactionSimulator.Generate(Small(handbook, seed: 2)));

        second.Should().NotEqual(first);
    }

    [Fact]
    public void An_endless_stream_is_the_finite_stream_continued()
    {
        var finite = Small(false, seed: 3) with { Days = 4 };
        var endless = finite with { Days = 0 };

        var bounded = TransactionSimulator.Generate(finite).ToList();
        var continued = TransactionSimulator.Generate(endless).Take(bounded.Count + 2_000).ToList();

        // Equal up to the last day of the finite run, except frauds the finite run had no days left to place.
        var lastDay = finite.StartDate.AddDays(finite.Days);
        var endlessWithinRange = continued.Where(r => DateOnly.FromDateTime(r.Transaction.Timestamp.UtcDateTime) < lastDay).ToList();
        endlessWithinRange.Should().Equal(bounded);
        continued.Count.Should().Be(bounded.Count + 2_000);
        continued[^1].Transaction.Timestamp.Should().BeOnOrAfter(new DateTimeOffset(lastDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    [Fact]
    public void The_start_date_places_the_first_day()
    {
        var options = Small(false, seed: 9) with { StartDate = new DateOnly(2031, 7, 15), Days = 2 };

        var rows = TransactionSimulator.Generate(options).ToList();

        rows.Should().OnlyContain(r => r.Transaction.Timestamp >= new DateTimeOffset(2031, 7, 15, 0, 0, 0, TimeSpan.Zero)
            && r.Transaction.Timestamp < new DateTimeOffset(2031, 7, 17, 0, 0, 0, TimeSpan.Zero));
        rows.Should().Contain(r => r.Transaction.Timestamp.Day == 16);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_setting_named()
    {
        var act = () => TransactionSimulator.Generate(new SimulationOptions { Cards = 0 });

        act.Should().Throw<ArgumentException>().WithMessage("*cards must be between 1 and*");
    }

    private static SimulationOptions Small(bool handbook, long seed) => handbook
        ? SimulationOptions.ForHandbook(seed) with { Cards = 300, Merchants = 600, Days = 20 }
        : new SimulationOptions { Seed = seed, Cards = 400, Merchants = 150, Days = 10 };
}
