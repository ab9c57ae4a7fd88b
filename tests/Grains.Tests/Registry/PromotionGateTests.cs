using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Registry;
using FraudActors.Tests.Shared;

namespace FraudActors.Grains.Tests.Registry;

public sealed class PromotionGateTests
{
    private readonly PromotionGate _gate = new(new PromotionGateOptions());

    [Fact]
    public void A_sound_package_passes_every_check_with_the_delta_against_the_champion()
    {
        var champion = LinearPackages.Create(averagePrecision: 0.50, version: 1);
        var candidate = LinearPackages.Create(averagePrecision: 0.49, version: 2);

        var result = _gate.Evaluate(candidate, champion, ModelAliases.Champion);

        result.Passed.Should().BeTrue();
        result.ChampionVersion.Should().Be(1);
        result.Checks.Select(c => c.Name).Should().Equal(
            GateChecks.Loads, GateChecks.FiniteProbabilities, GateChecks.Schema, GateChecks.AveragePrecisionFloor, GateChecks.NotWorseThanChampion);
        result.Checks.Should().OnlyContain(c => c.Passed && c.Blocking);
        var versus = result.Checks[^1];
        versus.Champion.Should().Be(0.50);
        versus.Value.Should().Be(0.49);
        versus.Delta.Should().BeApproximately(-0.01, 1e-12);
    }

    [Fact]
    public void Worse_than_the_champion_by_more_than_the_tolerance_is_refused()
    {
        var result = _gate.Evaluate(LinearPackages.Create(averagePrecision: 0.47, version: 2), LinearPackages.Create(averagePrecision: 0.50), ModelAliases.Champion);

        result.Passed.Should().BeFalse();
        result.FailedChecks.Should().Equal(GateChecks.NotWorseThanChampion);
        result.Checks[^1].Delta.Should().BeApproximately(-0.03, 1e-12);
    }

    [Fact]
    public void Below_the_floor_is_refused_and_a_missing_test_metric_falls_back_to_validation()
    {
        _gate.Evaluate(LinearPackages.Create(averagePrecision: 0.1), null, ModelAliases.Champion).FailedChecks
            .Should().Equal(GateChecks.AveragePrecisionFloor);

        var validOnly = LinearPackages.Create(averagePrecision: null);
        validOnly = validOnly with { Metrics = new Dictionary<string, double> { ["valid.average_precision"] = 0.3, ["test.average_precision"] = double.NaN } };
        var check = _gate.Evaluate(validOnly, null, ModelAliases.Champion).Checks.Single(c => c.Name == GateChecks.AveragePrecisionFloor);
        check.Passed.Should().BeTrue();
        check.Value.Should().Be(0.3);

        _gate.Evaluate(LinearPackages.Create(averagePrecision: null), null, ModelAliases.Champion).FailedChecks
            .Should().Equal(GateChecks.AveragePrecisionFloor);
    }

    [Fact]
    public void A_booster_that_does_not_load_fails_loading_and_the_prediction_check()
    {
        var broken = LinearPackages.Create() with { BoosterJson = "{ not json" };

        var result = _gate.Evaluate(broken, null, ModelAliases.Challenger);

        result.FailedChecks.Should().Equal(GateChecks.Loads, GateChecks.FiniteProbabilities);
        result.Checks[0].Detail.Should().NotBeEmpty().And.NotContain("\n");
    }

    [Fact]
    public void A_booster_whose_width_differs_from_its_schema_does_not_load()
    {
        var result = _gate.Evaluate(LinearPackages.Create(boosterFeatures: 3), null, ModelAliases.Champion);

        result.FailedChecks.Should().Contain(GateChecks.Loads);
    }

    [Fact]
    public void Predictions_outside_zero_one_fail_even_when_only_the_extreme_rows_show_it()
    {
        // Identity output: a prediction is the raw margin; tiny weights keep drawn rows inside [0, 1], the 1e9 row is not.
        var raw = LinearPackages.Create(weight: 1e-6f, bias: 0f, objective: "reg:squarederror");

        var check = _gate.Evaluate(raw, null, ModelAliases.Challenger).Checks.Single(c => c.Name == GateChecks.FiniteProbabilities);

        check.Passed.Should().BeFalse();
        check.Value.Should().BeGreaterThan(0);
        check.Detail.Should().Contain("extreme row");
    }

    [Fact]
    public void A_schema_the_silos_do_not_produce_is_refused_for_either_alias()
    {
        var foreign = LinearPackages.Create(schema: new FeatureSchema("card-behaviour", ["a", "b", "c"]));
        var european = LinearPackages.Create(model: "card-behaviour", schema: FeatureSchema.EuropeanColumns);
        var unknown = LinearPackages.Create(model: "other", schema: new FeatureSchema("mystery", ["a"]));

        _gate.Evaluate(foreign, null, ModelAliases.Challenger).FailedChecks.Should().Equal(GateChecks.Schema);
        _gate.Evaluate(european, null, ModelAliases.Champion).FailedChecks.Should().Equal(GateChecks.Schema);
        _gate.Evaluate(unknown, null, ModelAliases.Champion).FailedChecks.Should().Equal(GateChecks.Schema);
        _gate.Evaluate(LinearPackages.Create(model: "european", schema: FeatureSchema.EuropeanColumns), null, ModelAliases.Champion).Passed.Should().BeTrue();
    }

    [Fact]
    public void For_a_challenger_the_metric_checks_inform_but_do_not_block()
    {
        var weak = LinearPackages.Create(averagePrecision: 0.05, version: 2);

        var result = _gate.Evaluate(weak, LinearPackages.Create(averagePrecision: 0.6), ModelAliases.Challenger);

        result.Passed.Should().BeTrue();
        result.Checks.Where(c => !c.Passed).Select(c => c.Name).Should().Equal(GateChecks.AveragePrecisionFloor, GateChecks.NotWorseThanChampion);
        result.Checks.Where(c => !c.Passed).Should().OnlyContain(c => !c.Blocking);
    }

    [Fact]
    public void The_champion_itself_is_not_compared_with_itself()
    {
        var champion = LinearPackages.Create(averagePrecision: 0.5);

        var result = _gate.Evaluate(champion, champion, ModelAliases.Champion);

        result.ChampionVersion.Should().BeNull();
        result.Passed.Should().BeTrue();
    }

    [Fact]
    public void Options_outside_their_range_are_rejected_with_the_setting_named()
    {
        var act = () => new PromotionGate(new PromotionGateOptions { MinAveragePrecision = 1.5 });

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(PromotionGateOptions.MinAveragePrecision));
    }
}
