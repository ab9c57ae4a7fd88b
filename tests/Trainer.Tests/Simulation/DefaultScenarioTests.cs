using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Tests.Simulation;

public sealed class DefaultScenarioTests
{
    private static IReadOnlyList<SimulatedTransaction> Rows => SimulationRuns.Default;

    [Fact]
    public void Fraud_rate_is_between_a_fifth_of_a_percent_and_one_percent()
    {
        var rate = (double)Rows.Count(r => r.IsFraud) / Rows.Count;

        Rows.Count.Should().BeInRange(200_000, 400_000);
        rate.Should().BeInRange(0.002, 0.01);
    }

    [Fact]
    public void Every_fraud_scenario_is_present_and_only_frauds_carry_a_tag()
    {
        var tags = Rows.Where(r => r.IsFraud).GroupBy(r => r.FraudScenario).ToDictionary(g => g.Key!, g => g.Count());

        tags.Keys.Should().BeEquivalentTo(FraudScenarios.DefaultTags);
        tags.Values.Should().OnlyContain(count => count >= 50);
        Rows.Where(r => !r.IsFraud).Should().OnlyContain(r => r.FraudScenario == null);
    }

    [Fact]
    public void Rows_come_in_event_time_order_with_increasing_ids()
    {
        for (var i = 1; i < Rows.Count; i++)
        {
            if (Rows[i].Transaction.Timestamp < Rows[i - 1].Transaction.Timestamp)
            {
                Assert.Fail($"row {i} ({Rows[i].Transaction.Timestamp:O}) is earlier than row {i - 1} ({Rows[i - 1].Transaction.Timestamp:O}).");
            }
        }

        Rows.Select(r => r.Transaction.TransactionId).Should().BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_row_passes_the_transaction_validator()
    {
        foreach (var row in Rows)
        {
            var errors = TransactionValidator.Validate(row.Transaction);
            if (errors.Count > 0)
            {
                Assert.Fail($"{row.Transaction}: {string.Join("; ", errors)}");
            }
        }
    }

    [Fact]
    public void Online_rows_have_a_device_and_no_place_and_card_present_rows_have_a_city()
    {
        Rows.Where(r => r.Transaction.Channel == Channel.Online).Should().OnlyContain(r =>
            r.Transaction.DeviceId != null && r.Transaction.City == null && r.Transaction.Latitude == null);
        Rows.Where(r => r.Transaction.Channel == Channel.CardPresent).Should().OnlyContain(r =>
            r.Transaction.DeviceId == null && r.Transaction.City != null && r.Transaction.Latitude != null && r.Transaction.Longitude != null);
        var onlineShare = (double)Rows.Count(r => r.Transaction.Channel == Channel.Online) / Rows.Count;
        onlineShare.Should().BeInRange(0.15, 0.40);
    }

    [Fact]
    public void Merchants_use_every_category_and_cities_span_several_countries()
    {
        Rows.Select(r => r.Transaction.MerchantCategory).Distinct().Should().HaveCountGreaterThanOrEqualTo(MerchantCategories.Count - 1);
        var countries = WorldCities.All.Where(c => Rows.Any(r => r.Transaction.City == c.Name)).Select(c => c.Country).Distinct();
        countries.Should().HaveCountGreaterThanOrEqualTo(15);
        Rows.Should().Contain(r => r.Transaction.City == "Washington, D.C.");
    }

    [Fact]
    public void Genuine_cardholders_travel_and_sometimes_spend_big()
    {
        var genuine = Rows.Where(r => !r.IsFraud && r.Transaction.City != null).GroupBy(r => r.Transaction.CardId);
        var travellers = genuine.Count(g => g.Select(r => r.Transaction.City).Distinct().Count() >= 2);
        var cards = Rows.Select(r => r.Transaction.CardId).Distinct().Count();

        ((double)travellers / cards).Should().BeInRange(0.05, 0.6);
        Rows.Where(r => !r.IsFraud).Should().Contain(r => r.Transaction.Amount > 1_000m);
    }

    [Fact]
    public void Card_testing_is_bursts_of_small_amounts()
    {
        var testing = Rows.Where(r => r.FraudScenario == FraudScenarios.CardTesting).ToList();
        var small = testing.Count(r => r.Transaction.Amount <= 6m);

        ((double)small / testing.Count).Should().BeGreaterThan(0.7);
        // Within a burst, most consecutive probes on a card are minutes apart.
        var gaps = testing.GroupBy(r => r.Transaction.CardId)
            .SelectMany(g => g.Zip(g.Skip(1), (a, b) => (b.Transaction.Timestamp - a.Transaction.Timestamp).TotalMinutes))
            .ToList();
        gaps.Count(g => g < 10).Should().BeGreaterThan(gaps.Count / 2);
    }

    [Fact]
    public void Stolen_cards_are_mostly_used_away_from_the_owners_home_city()
    {
        var home = Rows.Where(r => !r.IsFraud && r.Transaction.City != null)
            .GroupBy(r => r.Transaction.CardId)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Transaction.City).MaxBy(c => c.Count())!.Key);
        var stolen = Rows.Where(r => r.FraudScenario == FraudScenarios.StolenCard && home.ContainsKey(r.Transaction.CardId)).ToList();
        var away = stolen.Count(r => r.Transaction.City != home[r.Transaction.CardId]);

        stolen.Should().OnlyContain(r => r.Transaction.Channel == Channel.CardPresent);
        ((double)away / stolen.Count).Should().BeInRange(0.5, 0.95); // some are used locally: not trivially separable
    }

    [Fact]
    public void Account_takeover_is_online_from_a_device_the_card_never_used_before()
    {
        var seen = new Dictionary<string, HashSet<string>>();
        var takeovers = 0;
        var fromNewDevice = 0;
        foreach (var row in Rows)
        {
            var t = row.Transaction;
            if (t.DeviceId is null)
            {
                continue;
            }

            var devices = seen.TryGetValue(t.CardId, out var known) ? known : seen[t.CardId] = [];
            if (row.FraudScenario == FraudScenarios.AccountTakeover)
            {
                t.Channel.Should().Be(Channel.Online);
                takeovers++;
                if (!devices.Contains(t.DeviceId))
                {
                    fromNewDevice++;
                }
            }

            devices.Add(t.DeviceId);
        }

        takeovers.Should().BeGreaterThan(50);
        // The first transaction of each takeover is on a new device; later ones reuse it.
        fromNewDevice.Should().BeGreaterThan(takeovers / 3);
    }

    [Fact]
    public void Compromised_merchant_fraud_hits_cards_that_paid_in_person_days_earlier()
    {
        var firstCardPresent = new Dictionary<string, DateTimeOffset>();
        var abused = 0;
        foreach (var row in Rows)
        {
            var t = row.Transaction;
            if (row.FraudScenario == FraudScenarios.CompromisedMerchant)
            {
                abused++;
                firstCardPresent.Should().ContainKey(t.CardId);
                (t.Timestamp - firstCardPresent[t.CardId]).TotalDays.Should().BeGreaterThan(1);
            }
            else if (!row.IsFraud && t.Channel == Channel.CardPresent)
            {
                firstCardPresent.TryAdd(t.CardId, t.Timestamp);
            }
        }

        abused.Should().BeGreaterThan(50);
    }

    [Fact]
    public void Fraud_multiplier_zero_gives_no_fraud()
    {
        var rows = TransactionSimulator.Generate(new SimulationOptions { Cards = 500, Merchants = 100, Days = 5, FraudMultiplier = 0 }).ToList();

        rows.Should().NotBeEmpty().And.OnlyContain(r => !r.IsFraud);
    }

    [Fact]
    public void Tiny_worlds_still_produce_valid_rows()
    {
        var rows = TransactionSimulator.Generate(new SimulationOptions { Cards = 3, Merchants = 1, Days = 20, FraudMultiplier = 50 }).ToList();

        rows.Should().NotBeEmpty();
        rows.Should().OnlyContain(r => TransactionValidator.Validate(r.Transaction).Count == 0);
    }
}
