using FraudActors.Grains.Cardholder;

namespace FraudActors.Grains.Tests.Cardholder;

/// <summary>Every feature of every transaction of thousands of random streams equals the brute-force reference.</summary>
public sealed class CardBehaviourPropertyTests
{
    public static TheoryData<int> Latenesses => new() { 0, 5, 45, 24 * 60 };

    [Theory]
    [MemberData(nameof(Latenesses))]
    public void Features_match_the_reference_for_random_streams(int latenessMinutes)
    {
        var lateness = TimeSpan.FromMinutes(latenessMinutes);
        var options = new CardBehaviourOptions { AllowedLateness = lateness };
        var outcomes = new Dictionary<ApplyOutcome, int>();
        for (var seed = 0; seed < 600; seed++)
        {
            var random = new Random((latenessMinutes * 100_003) + seed);
            var steps = RandomCardStream.Generate(random, random.Next(5, 160), lateness);
            var card = new CardBehaviour(options);
            var reference = new ReferenceCardHistory(lateness);
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (step.Transaction is null)
                {
                    card.Evict(step.EvictAt);
                    reference.Evict(step.EvictAt);
                    continue;
                }

                var actual = card.Apply(step.Transaction);
                var expected = reference.Apply(step.Transaction);
                var where = $"seed {seed}, step {i}, {step.Transaction}";
                actual.Outcome.Should().Be(expected.Outcome, where);
                if (expected.Outcome != ApplyOutcome.Duplicate)
                {
                    FeatureAssertions.Difference(expected.Features, actual.Features).Should().BeNull(where);
                }

                outcomes[actual.Outcome] = outcomes.GetValueOrDefault(actual.Outcome) + 1;
            }
        }

        // The streams must really exercise every path.
        outcomes.GetValueOrDefault(ApplyOutcome.Applied).Should().BeGreaterThan(10_000);
        outcomes.GetValueOrDefault(ApplyOutcome.Duplicate).Should().BeGreaterThan(500);
        outcomes.GetValueOrDefault(ApplyOutcome.TooLate).Should().BeGreaterThan(latenessMinutes >= 24 * 60 ? 10 : 300);
    }
}
