using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Trainer.Simulation;

namespace FraudActors.Trainer.Tests.Simulation;

public sealed class HandbookScenarioTests
{
    /// <summary>
    /// The handbook's own run (5,000 customers, 10,000 terminals, 183 days from 2018-04-01) reported 1,754,155
    /// transactions and 14,681 frauds (0.84%). One streaming pass checks size, rate, order, the scenario-1 rule
    /// and the validator without holding the rows.
    /// </summary>
    [Fact]
    public void Handbook_sized_run_matches_the_handbook()
    {
        var options = SimulationOptions.ForHandbook(seed: 11);
        long rows = 0, frauds = 0, largeAmounts = 0;
        var previous = DateTimeOffset.MinValue;
        var customers = new HashSet<string>();
        var terminals = new HashSet<string>();
        foreach (var row in TransactionSimulator.Generate(options))
        {
            var t = row.Transaction;
            rows++;
            if (row.IsFraud)
            {
                frauds++;
            }

            if (t.Amount > 220m)
            {
                largeAmounts++;
                if (!row.IsFraud)
                {
                    Assert.Fail($"amount {t.Amount} > 220 must be fraud (scenario 1): {t}");
                }
            }

            if (t.Timestamp < previous)
            {
                Assert.Fail($"row {rows} goes back in time: {t.Timestamp:O} after {previous:O}");
            }

            previous = t.Timestamp;
            if ((rows & 63) == 0 && TransactionValidator.Validate(t) is { Count: > 0 } errors)
            {
                Assert.Fail($"{t}: {string.Join("; ", errors)}");
            }

            customers.Add(t.CardId);
            terminals.Add(t.MerchantId);
        }

        rows.Should().BeInRange(1_700_000, 1_800_000);
        ((double)frauds / rows).Should().BeInRange(0.0075, 0.0095);
        largeAmounts.Should().BeGreaterThan(0);
        customers.Count.Should().BeInRange(4_900, 5_000);
        terminals.Count.Should().BeInRange(9_000, 10_000);
        previous.Should().BeBefore(new DateTimeOffset(2018, 10, 1, 0, 0, 0, TimeSpan.Zero)); // 183 days from 2018-04-01
    }

    [Fact]
    public void Rows_map_the_handbook_fields_onto_card_transactions()
    {
        var rows = SmallRun();

        rows.Should().OnlyContain(r => r.Transaction.Channel == Channel.CardPresent
            && r.Transaction.Currency == "EUR"
            && r.Transaction.MerchantCategory == "other"
            && r.Transaction.City == null
            && r.Transaction.DeviceId == null
            && int.Parse(r.Transaction.CardId, System.Globalization.CultureInfo.InvariantCulture) < 1_000);
        // The 100×100 grid is 100 km × 100 km around Brussels.
        rows.Should().OnlyContain(r => WorldCities.DistanceKm(
            r.Transaction.Latitude!.Value, r.Transaction.Longitude!.Value,
            HandbookDayGenerator.OriginLatitude, HandbookDayGenerator.OriginLongitude) <= 72.0);
        // Transaction times are normal around noon: most fall between 06:00 and 18:00.
        var daytime = rows.Count(r => r.Transaction.Timestamp.Hour is >= 6 and < 18);
        ((double)daytime / rows.Count).Should().BeInRange(0.6, 0.8);
    }

    [Fact]
    public void Each_customer_uses_only_terminals_within_the_radius()
    {
        var rows = SmallRun();

        foreach (var customer in rows.GroupBy(r => r.Transaction.CardId).Take(200))
        {
            var points = customer.Select(r => (r.Transaction.Latitude!.Value, r.Transaction.Longitude!.Value)).Distinct().ToList();
            var widest = points.SelectMany(a => points.Select(b => WorldCities.DistanceKm(a.Item1, a.Item2, b.Item1, b.Item2))).Max();
            widest.Should().BeLessThan(10.2, "every terminal lies within 5 grid units (km) of its customer");
        }
    }

    [Fact]
    public void Scenario_2_marks_every_transaction_at_a_compromised_terminal_that_day()
    {
        var rows = SmallRun();
        var compromisedTerminalDays = rows.Where(r => r.FraudScenario == FraudScenarios.CompromisedTerminal)
            .Select(r => (r.Transaction.MerchantId, r.Transaction.Timestamp.Date))
            .ToHashSet();

        compromisedTerminalDays.Should().NotBeEmpty();
        rows.Where(r => compromisedTerminalDays.Contains((r.Transaction.MerchantId, r.Transaction.Timestamp.Date)))
            .Should().OnlyContain(r => r.IsFraud);
    }

    [Fact]
    public void Scenario_3_multiplies_amounts_by_five_for_a_share_of_the_customers_transactions()
    {
        var rows = SmallRun();
        var stolen = rows.Where(r => r.FraudScenario == FraudScenarios.CompromisedCustomer).ToList();

        stolen.Should().NotBeEmpty();
        stolen.Should().OnlyContain(r => decimal.Remainder(r.Transaction.Amount * 100m, 5m) == 0m);
        var firstStolen = stolen.GroupBy(r => r.Transaction.CardId).ToDictionary(g => g.Key, g => g.Min(r => r.Transaction.Timestamp));
        var victimRows = rows.Count(r => firstStolen.TryGetValue(r.Transaction.CardId, out var first)
            && r.Transaction.Timestamp >= first && r.Transaction.Timestamp < first.AddDays(13));
        ((double)stolen.Count / victimRows).Should().BeInRange(0.15, 0.5);
    }

    [Fact]
    public void Daily_volume_scales_with_customers_as_in_the_handbook()
    {
        // Mean rate U(0, 4) per day → 2 per customer-day; P(0 < time < 86,400) ≈ 0.969 for N(43,200, 20,000).
        var rows = SmallRun();
        var perCustomerDay = (double)rows.Count / (1_000 * 30);

        perCustomerDay.Should().BeInRange(1.8, 2.1);
    }

    private static List<SimulatedTransaction> SmallRun() =>
        TransactionSimulator.Generate(SimulationOptions.ForHandbook(seed: 3) with { Cards = 1_000, Merchants = 2_000, Days = 30 }).ToList();
}
