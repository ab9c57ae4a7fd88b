using FraudActors.Grains.Cardholder;

namespace FraudActors.Benchmarks.Cardholder;

/// <summary>
/// Managed heap held by many cards with realistic history: each card gets <c>transactionsPerCard</c>
/// transactions spread evenly over the last 30 days (90 = three a day), then one eviction tick, as a grain timer would.
/// Counts the card objects, their rings and the array holding them (8 bytes a card), not a runtime's directory.
/// </summary>
public static class CardMemoryProbe
{
    public static (long Bytes, double BytesPerCard) Measure(int cards, int transactionsPerCard)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cards);
        ArgumentOutOfRangeException.ThrowIfNegative(transactionsPerCard);
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var span = TimeSpan.FromDays(30).Ticks;
        var gap = transactionsPerCard == 0 ? 0 : span / transactionsPerCard;
        var templates = new CardEvent[64];
        for (var i = 0; i < templates.Length; i++)
        {
            templates[i] = CardEvent.Create(
                $"t{i}", 0, 8f + (i * 3.7f), i % 14, i % 3 == 0, i % 2 == 0 ? "Lyon" : default,
                i % 4 == 0 ? double.NaN : 45.7, 4.8, i % 3 == 0 ? $"device-{i % 4}" : default);
        }

        var options = CardBehaviourOptions.Default;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var held = new CardBehaviour[cards];
        ulong id = 0;
        for (var c = 0; c < cards; c++)
        {
            var card = new CardBehaviour(options);
            var offset = (c * 7919L) % Math.Max(1, gap); // cards are not in lock step
            for (var t = 0; t < transactionsPerCard; t++)
            {
                var ticks = now.UtcTicks - span + offset + (t * gap);
                card.Apply(templates[(c + t) & 63] with { UtcTicks = ticks, IdHash = ++id });
            }

            card.Evict(now);
            held[c] = card;
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(held);
        var bytes = after - before;
        return (bytes, (double)bytes / cards);
    }
}
