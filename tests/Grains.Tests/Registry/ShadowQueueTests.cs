using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Scoring;
using FraudActors.Tests.Shared;

namespace FraudActors.Grains.Tests.Registry;

public sealed class ShadowQueueTests
{
    private static readonly LoadedModel Champion = LoadedModel.From(LinearPackages.Create(weight: 0.05f, bias: -1f, version: 1));
    private static readonly LoadedModel Challenger = LoadedModel.From(LinearPackages.Create(weight: 0.04f, bias: -1.2f, version: 2));

    [Fact]
    public void A_full_queue_drops_and_counts_instead_of_waiting()
    {
        var queue = new ShadowQueue(new ShadowOptions { QueueCapacity = 3 });
        var row = new float[Champion.Evaluator.FeatureCount];

        var accepted = Enumerable.Range(0, 5).Count(_ => queue.Offer(Champion, Challenger, row, 0.5f));

        accepted.Should().Be(3);
        queue.Enqueued.Should().Be(3);
        queue.Dropped.Should().Be(2);
    }

    [Theory]
    [InlineData(0.25, 1000, 250)]
    [InlineData(0.0, 100, 0)]
    [InlineData(1.0, 100, 100)]
    [InlineData(0.1, 95, 9)]
    public void The_share_takes_every_nth_copy(double share, int offers, int expected)
    {
        var queue = new ShadowQueue(new ShadowOptions { Share = share, QueueCapacity = 10_000 });
        var row = new float[Champion.Evaluator.FeatureCount];

        for (var i = 0; i < offers; i++)
        {
            queue.Offer(Champion, Challenger, row, 0.5f);
        }

        queue.Enqueued.Should().Be(expected);
    }

    [Fact]
    public void A_challenger_of_another_width_is_not_offered()
    {
        var queue = new ShadowQueue(new ShadowOptions());

        queue.Offer(Champion, Challenger, new float[3], 0.5f).Should().BeFalse();
        queue.Enqueued.Should().Be(0);
    }

    [Fact]
    public async Task The_scorer_records_what_each_model_decided_about_the_same_rows()
    {
        var queue = new ShadowQueue(new ShadowOptions());
        var statistics = new ShadowStatistics();
        var scorer = new ShadowScorer(queue, statistics, TimeProvider.System);
        var width = Champion.Evaluator.FeatureCount;
        var random = new Random(5);
        var expected = (Count: 0, Agree: 0, ChampionAlerts: 0, ChallengerAlerts: 0);
        for (var i = 0; i < 500; i++)
        {
            var row = Enumerable.Range(0, width).Select(_ => (float)(random.NextDouble() * 3)).ToArray();
            var championProbability = Champion.Evaluator.PredictProbability(row);
            var challengerProbability = Challenger.Evaluator.PredictProbability(row);
            var a = Champion.Package.Thresholds.Decide(championProbability);
            var b = Challenger.Package.Thresholds.Decide(challengerProbability);
            expected = (expected.Count + 1, expected.Agree + (a == b ? 1 : 0), expected.ChampionAlerts + (a != DecisionKind.Approve ? 1 : 0), expected.ChallengerAlerts + (b != DecisionKind.Approve ? 1 : 0));
            queue.Offer(Champion, Challenger, row, championProbability).Should().BeTrue();
        }

        queue.Complete();
        await scorer.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        queue.Scored.Should().Be(500);
        var stats = statistics.Drain("card-behaviour").Should().ContainSingle().Subject;
        (stats.ChampionVersion, stats.ChallengerVersion).Should().Be((1, 2));
        (stats.Count, stats.Agreements, stats.ChampionAlerts, stats.ChallengerAlerts).Should().Be(((long)expected.Count, (long)expected.Agree, (long)expected.ChampionAlerts, (long)expected.ChallengerAlerts));
        expected.Agree.Should().BeInRange(1, 499, "the two models must disagree sometimes for the test to mean anything");
        stats.Correlation.Should().BeGreaterThan(0.99, "both are increasing in the same sum of features");
        statistics.Drain("card-behaviour").Should().BeEmpty();
    }
}
