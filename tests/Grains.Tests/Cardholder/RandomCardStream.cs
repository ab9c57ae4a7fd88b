using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Grains.Tests.Cardholder;

/// <summary>
/// Seeded random arrival sequences for one card: bursts, equal timestamps, quiet days, midnight crossings,
/// arrivals delayed within and beyond the lateness, re-sent and re-used ids, missing cities, locations and
/// devices, eviction ticks (some far ahead, which make the next arrivals too late).
/// </summary>
internal static class RandomCardStream
{
    private static readonly string[] Cities = ["Paris", "paris", "PARIS", "Lyon", "Berlin", "Zürich", "ZÜRICH", "São Paulo"];

    private static readonly (double Lat, double Lon)[] Places =
    [
        (48.8566, 2.3522), (48.8599, 2.3401), (48.8012, 2.3987), // Paris: same and neighbouring 0.1° cells
        (45.7640, 4.8357), (52.5200, 13.4050), (40.7128, -74.0060), (35.6762, 139.6503),
        (-33.8688, 151.2093), (-23.5505, -46.6333), (0.0, 7.5), (10.0, -7.5), (64.1, -21.9), (0.0, 0.0),
    ];

    public static List<CardStreamStep> Generate(Random random, int length, TimeSpan lateness)
    {
        var baseTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)
            .AddDays(random.Next(0, 700))
            .AddHours(random.Next(2) == 0 ? 23 : random.Next(24))
            .AddMinutes(random.Next(50, 60));
        var produced = new List<CardTransaction>(length);
        var time = baseTime;
        for (var n = 0; n < length; n++)
        {
            time += Gap(random);
            produced.Add(NewTransaction(random, $"tx-{n}", time));
        }

        // Arrival order: most in order, some delayed by a few positions (late within or beyond the lateness).
        var arrivals = new List<CardTransaction>(produced);
        for (var i = 0; i < arrivals.Count; i++)
        {
            if (random.NextDouble() < 0.12)
            {
                var to = Math.Min(arrivals.Count - 1, i + random.Next(1, 6));
                var delayed = arrivals[i];
                arrivals.RemoveAt(i);
                arrivals.Insert(to, delayed);
            }
        }

        var steps = new List<CardStreamStep>(arrivals.Count + (arrivals.Count / 4));
        var newest = DateTimeOffset.MinValue;
        for (var i = 0; i < arrivals.Count; i++)
        {
            var tx = arrivals[i];
            steps.Add(CardStreamStep.Arrive(tx));
            newest = tx.Timestamp > newest ? tx.Timestamp : newest;

            var roll = random.NextDouble();
            if (roll < 0.06 && i > 0)
            {
                steps.Add(CardStreamStep.Arrive(arrivals[random.Next(Math.Max(0, i - 10), i + 1)])); // re-sent as is
            }
            else if (roll < 0.08)
            {
                // Same id, different content: a producer bug or an id re-used long after.
                var original = arrivals[random.Next(0, i + 1)];
                steps.Add(CardStreamStep.Arrive(NewTransaction(random, original.TransactionId, newest - TimeSpan.FromSeconds(random.Next(0, 600)))));
            }
            else if (roll < 0.11)
            {
                // Explicitly just inside or just beyond the allowed lateness.
                var back = random.Next(2) == 0 ? lateness * random.NextDouble() : lateness + TimeSpan.FromMinutes(random.Next(0, 120));
                steps.Add(CardStreamStep.Arrive(NewTransaction(random, $"late-{i}", newest - back)));
            }
            else if (roll < 0.16)
            {
                var next = i + 1 < arrivals.Count ? arrivals[i + 1].Timestamp : newest;
                var ahead = random.Next(10) == 0 ? TimeSpan.FromHours(random.Next(1, 60)) : TimeSpan.Zero;
                var upTo = next > newest ? next : newest;
                steps.Add(CardStreamStep.Evict(newest + ((upTo - newest) * random.NextDouble()) + ahead));
            }
        }

        return steps;
    }

    private static TimeSpan Gap(Random random)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.05 => TimeSpan.Zero,                                        // same timestamp
            < 0.35 => TimeSpan.FromSeconds(random.Next(1, 90)),             // burst
            < 0.70 => TimeSpan.FromMinutes(random.Next(1, 70)),
            < 0.90 => TimeSpan.FromMinutes(random.Next(60, 14 * 60)),
            < 0.98 => TimeSpan.FromHours(random.Next(20, 80)),               // quiet days, around the 24 h edge
            _ => TimeSpan.FromDays(random.Next(5, 40)),                      // card asleep, day ring rolls over
        };
    }

    private static CardTransaction NewTransaction(Random random, string id, DateTimeOffset time)
    {
        var amount = Math.Round((decimal)Math.Exp((random.NextDouble() * 6) - 1), 2) + 0.01m;
        string? city = random.NextDouble() < 0.4 ? Cities[random.Next(Cities.Length)] : null;
        (double Lat, double Lon)? place = random.NextDouble() < 0.6 ? Places[random.Next(Places.Length)] : null;
        if (place is { } p && random.Next(3) == 0)
        {
            place = (p.Lat + ((random.NextDouble() - 0.5) * 0.05), p.Lon + ((random.NextDouble() - 0.5) * 0.05));
        }

        string? device = random.NextDouble() < 0.5 ? $"device-{random.Next(12)}" : null;
        var category = MerchantCategories.Names[random.Next(random.Next(2) == 0 ? 4 : MerchantCategories.Count)];
        return new CardTransaction(
            id,
            "card-1",
            time,
            amount,
            "EUR",
            $"merchant-{random.Next(50)}",
            category,
            random.Next(2) == 0 ? Channel.Online : Channel.CardPresent,
            city,
            place?.Lat,
            place?.Lon,
            device);
    }
}
