using FraudActors.Trainer.Evaluation;

namespace FraudActors.Trainer.Tests.Evaluation;

public sealed class CardPrecisionTests
{
    private static readonly DateOnly Day1 = new(2018, 8, 8);
    private static readonly DateOnly Day2 = new(2018, 8, 9);

    [Fact]
    public void Takes_each_cards_highest_score_of_the_day()
    {
        ScoredTransaction[] rows =
        [
            new("a", Day1, 0.1f, false), new("a", Day1, 0.95f, true),
            new("b", Day1, 0.9f, false),
            new("c", Day1, 0.2f, true),
        ];

        var result = CardPrecision.AtK(rows, 2);

        // Top 2 cards by max score: a (0.95, fraud), b (0.9, genuine).
        result.Mean.Should().Be(0.5);
        result.Days.Single().CompromisedCards.Should().Be(2);
    }

    [Fact]
    public void A_card_found_on_an_earlier_test_day_is_blocked_afterwards()
    {
        ScoredTransaction[] rows =
        [
            new("a", Day1, 0.9f, true), new("b", Day1, 0.1f, false),
            new("a", Day2, 0.9f, true), new("b", Day2, 0.5f, false),
        ];

        var result = CardPrecision.AtK(rows, 1);

        // Day 2 without the block would count card a again (1.0); with it, only b remains (0.0).
        result.Days.Select(d => d.Precision).Should().Equal(1.0, 0.0);
        result.Mean.Should().Be(0.5);
    }

    [Fact]
    public void A_card_missed_on_an_earlier_day_is_not_blocked()
    {
        ScoredTransaction[] rows =
        [
            new("a", Day1, 0.1f, true), new("b", Day1, 0.9f, false),
            new("a", Day2, 0.9f, true), new("b", Day2, 0.5f, false),
        ];

        CardPrecision.AtK(rows, 1).Days.Select(d => d.Precision).Should().Equal(0.0, 1.0);
    }
}
