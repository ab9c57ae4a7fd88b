using FraudActors.Grains.Abstractions.Transactions;

namespace FraudActors.Silo.Tests.GrainState;

/// <summary>
/// Seeded random traffic over a set of cards and merchants, in event-time order: what a silo processes before a
/// restart, and one more transaction per card to process after it.
/// </summary>
internal sealed class CardTraffic
{
    private static readonly (string City, double Lat, double Lon)[] Places =
    [
        ("Paris", 48.8566, 2.3522), ("Lyon", 45.7640, 4.8357), ("Berlin", 52.5200, 13.4050),
        ("New York", 40.7128, -74.0060), ("Tokyo", 35.6762, 139.6503), ("Sydney", -33.8688, 151.2093),
    ];

    private CardTraffic(List<CardTransaction> before, List<CardTransaction> after)
    {
        Before = before;
        After = after;
    }

    /// <summary>The stream before the restart, ordered by event time.</summary>
    public IReadOnlyList<CardTransaction> Before { get; }

    /// <summary>The next transaction of each card, after every transaction in <see cref="Before"/>.</summary>
    public IReadOnlyList<CardTransaction> After { get; }

    public static CardTraffic Generate(int seed, int cards, int transactions)
    {
        var random = new Random(seed);
        var run = Guid.NewGuid().ToString("N")[..8];
        var merchants = Enumerable.Range(0, 40).Select(m => $"m-{run}-{m}").ToArray();
        var start = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var all = new List<CardTransaction>(transactions + cards);
        var ids = 0;
        for (var c = 0; c < cards; c++)
        {
            var card = $"card-{run}-{c}";
            var home = Places[random.Next(Places.Length)];
            var time = start.AddMinutes(random.Next(0, 600));
            var count = (transactions / cards) + 1;
            for (var n = 0; n < count; n++)
            {
                // Mostly minutes apart, sometimes seconds (bursts), sometimes a day or more (quiet spells).
                var roll = random.NextDouble();
                time += roll < 0.2 ? TimeSpan.FromSeconds(random.Next(1, 60))
                    : roll < 0.9 ? TimeSpan.FromMinutes(random.Next(1, 300))
                    : TimeSpan.FromHours(random.Next(24, 200));
                var place = random.NextDouble() < 0.85 ? home : Places[random.Next(Places.Length)];
                var online = random.NextDouble() < 0.3;
                all.Add(new CardTransaction(
                    $"tx-{run}-{ids++}",
                    card,
                    time,
                    Math.Round((decimal)(random.NextDouble() * random.NextDouble() * 900) + 1, 2),
                    "EUR",
                    merchants[random.Next(merchants.Length)],
                    MerchantCategories.Names[random.Next(MerchantCategories.Count)],
                    online ? Channel.Online : Channel.CardPresent,
                    online ? null : place.City,
                    online ? null : place.Lat,
                    online ? null : place.Lon,
                    online ? $"device-{random.Next(3)}" : null));
            }
        }

        // Each card's last transaction is held back for after the restart.
        var after = all.GroupBy(t => t.CardId).Select(g => g.Last()).ToList();
        var held = after.Select(t => t.TransactionId).ToHashSet(StringComparer.Ordinal);
        var before = all.Where(t => !held.Contains(t.TransactionId)).OrderBy(t => t.Timestamp).ThenBy(t => t.TransactionId, StringComparer.Ordinal).ToList();
        after.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return new CardTraffic(before, after);
    }
}
